package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code functions:} in exercise.yml: several functions from one submission, and targets that name them. */
class FunctionsDescriptorTests {

    private static final String HEAD = "title: Orders\nlesson: l\n";

    private static final String THREE = HEAD + """
            memory: 256
            timeout: 4
            environment: {STAGE: test}
            functions:
              validate: {handler: orders.Validate::handleRequest}
              charge:
                handler: orders.Charge::handleRequest
                timeout: 8
                environment: {STAGE: live, TABLE: '${table:orders}'}
              ship: {handler: orders.Ship, memory: 512}
            resources:
              tables:
                orders: {partitionKey: {name: id, type: S}}
              queues:
                parcels: {trigger: {batchSize: 1, function: ship}}
              rules:
                placed: {pattern: {source: [shop]}, targets: ["function:validate"]}
              stateMachines:
                checkout: {definition: checkout.asl.json}
              api: {type: http, function: validate}
            """;

    private static final String ASL = """
            {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "${function:charge}",
             "End": true}}}
            """;

    @TempDir
    Path content;

    @Test
    void load_withFunctions_readsEachWithTheTopLevelValuesAsDefaults() throws IOException {
        Exercise exercise = load(THREE, ASL);

        assertEquals(List.of("validate", "charge", "ship"), List.copyOf(exercise.functions().keySet()));
        assertTrue(exercise.hasSeveralFunctions());
        assertEquals(new FunctionSpec("validate", "orders.Validate::handleRequest", 256, 4, Map.of("STAGE", "test")),
                exercise.functions().get("validate"));
        FunctionSpec charge = exercise.functions().get("charge");
        assertEquals(8, charge.timeout());
        assertEquals(Map.of("STAGE", "live", "TABLE", "${table:orders}"), charge.environment());
        assertEquals(512, exercise.functions().get("ship").memory());
        assertEquals(8, exercise.longestTimeout());
        assertEquals("orders.Validate::handleRequest", exercise.handler(), "the first function's handler");
        assertEquals(new TargetRef("function", "ship"),
                exercise.resources().events().queues().get("parcels").trigger().function());
        assertEquals(new TargetRef("function", "validate"),
                exercise.resources().events().rules().get("placed").targets().get(0).target());
        assertEquals("validate", exercise.resources().api().orElseThrow().function());
    }

    @Test
    void load_withASingleHandler_keepsOneFunctionNamedFunction() throws IOException {
        Exercise exercise = load(HEAD + "handler: a.B\nmemory: 256\nenvironment: {XX: y}\n", null);

        assertEquals(Map.of("function", new FunctionSpec("function", "a.B", 256, 10, Map.of("XX", "y"))),
                exercise.functions());
        assertFalse(exercise.hasSeveralFunctions());
    }

    @Test
    void load_whenATargetNamesAnUnknownFunction_namesFileLineAndTheFunctions() throws IOException {
        String message = failure(THREE.replace("\"function:validate\"", "\"function:valdate\""), ASL);

        assertTrue(message.contains("exercise.yml:19:"), message);
        assertTrue(message.contains("'function:valdate': 'valdate' is not one of the exercise's functions "
                + "(declared: validate, charge, ship)"), message);
    }

    @Test
    void load_whenAPlainFunctionTargetIsAmbiguous_asksWhichFunction() throws IOException {
        String message = failure(THREE.replace("\"function:validate\"", "function"), ASL);

        assertTrue(message.contains("this exercise has several functions, so say which: function:NAME"), message);
    }

    @Test
    void load_whenADefinitionRefersToAnUnknownFunction_namesTheFile() throws IOException {
        String message = failure(THREE, ASL.replace("${function:charge}", "${function:refund}"));

        assertTrue(message.contains("checkout.asl.json refers to '${function:refund}': 'refund' is not one of the "
                + "exercise's functions"), message);
        String plain = failure(THREE, ASL.replace("${function:charge}", "${function}"));
        assertTrue(plain.contains("several functions, so say which"), plain);
    }

    @Test
    void load_whenATriggerOrTheApiLeavesTheFunctionOpen_orNamesAnUnknownOne_saysSo() throws IOException {
        String trigger = failure(THREE.replace("function: ship}", "function: shipp}"), ASL);
        String api = failure(THREE.replace("api: {type: http, function: validate}", "api: {type: http}"), ASL);

        assertTrue(trigger.contains("resources.queues.parcels.trigger.function"), trigger);
        assertTrue(trigger.contains("'shipp' is not one of the exercise's functions"), trigger);
        assertTrue(api.contains("say which one the API proxies to with function: NAME"), api);
    }

    @Test
    void load_withARestApiAuthorizer_readsItsFunction_andRefusesItOnHttpApisOrTheProxiedFunction()
            throws IOException {
        String rest = "api: {type: rest, function: validate, authorizer: {function: charge}}";
        Exercise exercise = load(THREE.replace("api: {type: http, function: validate}", rest), ASL);
        String onHttp = failure(THREE.replace("api: {type: http, function: validate}",
                "api: {type: http, function: validate, authorizer: {function: charge}}"), ASL);
        String itself = failure(THREE.replace("api: {type: http, function: validate}",
                "api: {type: rest, function: validate, authorizer: {function: validate}}"), ASL);

        assertEquals(new ApiSpec(ApiSpec.Type.REST, "validate", new ApiSpec.Authorizer("charge")),
                exercise.resources().api().orElseThrow());
        assertTrue(onHttp.contains("resources.api.authorizer") && onHttp.contains("use type: rest"), onHttp);
        assertTrue(itself.contains("the authorizer must be another function"), itself);
    }

    @Test
    void load_whenAFunctionHasNoHandler_orABadName_saysWhatToWrite() throws IOException {
        String noHandler = failure(HEAD + "functions:\n  validate: {timeout: 3}\n", null);
        String badName = failure(HEAD + "functions:\n  Validate_1: {handler: a.B}\n", null);
        String badHandler = failure(HEAD + "functions:\n  v: {handler: 'a.B::'}\n", null);
        String unknownField = failure(HEAD + "functions:\n  v: {handler: a.B, layers: [x]}\n", null);

        assertTrue(noHandler.contains("exercise.yml:4: missing required field 'functions.validate.handler'"),
                noHandler);
        assertTrue(badName.contains("'Validate_1' is not a usable function name"), badName);
        assertTrue(badHandler.contains("field 'functions.v.handler'"), badHandler);
        assertTrue(unknownField.contains("unknown field 'functions.v.layers'"), unknownField);
    }

    @Test
    void load_withATopLevelHandler_letsFunctionsShareIt() throws IOException {
        Exercise exercise = load(HEAD + "handler: a.Router\nfunctions:\n  one: {}\n  two: {timeout: 3}\n", null);

        assertEquals("a.Router", exercise.functions().get("one").handler());
        assertEquals("a.Router", exercise.functions().get("two").handler());
        assertEquals(3, exercise.functions().get("two").timeout());
    }

    private Exercise load(String yaml, String asl) throws IOException {
        write(yaml, asl);
        return ExerciseCatalog.load(content).find("orders").orElseThrow();
    }

    private String failure(String yaml, String asl) throws IOException {
        write(yaml, asl);
        return assertThrows(ContentException.class, () -> ExerciseCatalog.load(content)).getMessage();
    }

    private void write(String yaml, String asl) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/orders"));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
        if (asl != null) {
            Files.writeString(folder.resolve("checkout.asl.json"), asl);
        }
    }
}
