package dev.serverlesslab.emulator.lambda.esm;

import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestOperations;
import dev.serverlesslab.emulator.lambda.ListPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lambda's wire format for event source mappings: {@code /2015-03-31/event-source-mappings/[UUID]}. */
public final class EventSourceMappingRoutes {

    private final EventSourceMappings mappings;
    private final RestJson json;

    public EventSourceMappingRoutes(EventSourceMappings mappings, RestJson json) {
        this.mappings = mappings;
        this.json = json;
    }

    /** The operations served here, by the model's operation name. */
    public Map<String, RestOperations.Operation> operations() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("CreateEventSourceMapping", call -> json.ok(202,
                mappings.create(call.scope(), json.object(call.body()))));
        table.put("GetEventSourceMapping", call -> json.ok(200, mappings.get(call.scope(), call.path("UUID"))));
        table.put("UpdateEventSourceMapping", call -> json.ok(202,
                mappings.update(call.scope(), call.path("UUID"), json.object(call.body()))));
        table.put("DeleteEventSourceMapping", call -> json.ok(202,
                mappings.delete(call.scope(), call.path("UUID"))));
        table.put("ListEventSourceMappings", call -> json.ok(200, ListPage.body("EventSourceMappings", ListPage.of(
                mappings.list(call.scope(), call.query("EventSourceArn"), call.query("FunctionName")),
                call.queryParameters(), ListPage.MAX_LIST_ITEMS))));
        return table;
    }
}
