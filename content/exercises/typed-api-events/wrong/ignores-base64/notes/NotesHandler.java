package notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * A notes API behind an HTTP API (payload format 2.0), written with the typed events of aws-lambda-java-events:
 * POST /notes creates a note, GET /notes/{noteId} reads one; the notes are kept in DynamoDB.
 */
public class NotesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String NOTES = "/notes";
    private static final String ONE_NOTE = "/notes/";

    // Built once per execution environment, during init, and reused by every invocation it serves.
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        context.getLogger().log(method + " " + path);

        if (NOTES.equals(path)) {
            if ("POST".equals(method)) {
                return create(body(event));
            }
            return methodNotAllowed(method, path, "POST");
        }
        if (path.startsWith(ONE_NOTE) && path.length() > ONE_NOTE.length()
                && path.indexOf('/', ONE_NOTE.length()) < 0) {
            if ("GET".equals(method)) {
                return read(path.substring(ONE_NOTE.length()));
            }
            return methodNotAllowed(method, path, "GET");
        }
        return respond(404, Map.of(), Map.of("message", "There is no resource at " + path));
    }

    private APIGatewayV2HTTPResponse create(String body) {
        Map<String, Object> note;
        try {
            note = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of(), Map.of("message", e.getMessage()));
        }
        for (String field : new String[] {"title", "text"}) {
            Object value = note.get(field);
            if (!(value instanceof String) || ((String) value).isBlank()) {
                return respond(400, Map.of(), Map.of("message", field + " is required and must be a non-empty string"));
            }
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("noteId", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("title", AttributeValue.fromS((String) note.get("title")));
        item.put("text", AttributeValue.fromS((String) note.get("text")));
        item.put("createdAt", AttributeValue.fromS(Instant.now().toString()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(noteId)"));
        return respond(201, Map.of(), toJson(item));
    }

    private APIGatewayV2HTTPResponse read(String noteId) {
        GetItemResponse found = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("noteId", AttributeValue.fromS(noteId)))
                .consistentRead(true));
        if (!found.hasItem() || found.item().isEmpty()) {
            return respond(404, Map.of(), Map.of("message", "Note " + noteId + " was not found"));
        }
        return respond(200, Map.of(), toJson(found.item()));
    }

    private static APIGatewayV2HTTPResponse methodNotAllowed(String method, String path, String allowed) {
        return respond(405, Map.of("Allow", allowed),
                Map.of("message", method + " is not allowed on " + path + "; use " + allowed));
    }

    /** The request body as text: API Gateway base64-encodes bodies whose content type it does not treat as text. */
    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        return body;
    }

    private static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, value.s()));
        return json;
    }

    private static APIGatewayV2HTTPResponse respond(int status, Map<String, String> headers, Map<String, ?> body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(Json.write(body))
                .build();
    }
}
