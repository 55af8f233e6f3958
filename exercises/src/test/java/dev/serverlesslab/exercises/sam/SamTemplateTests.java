package dev.serverlesslab.exercises.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.exercise.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** What a SAM template may refer to without declaring it: pseudo parameters and resources SAM generates. */
    private static final Set<String> IMPLICIT = Set.of("AWS::Region", "AWS::AccountId", "ServerlessHttpApi",
            "ServerlessRestApi");

    @TempDir
    Path content;

    @Test
    void theShippedExercises_becomeTemplatesWhoseReferencesAllResolve() throws IOException {
        ExerciseCatalog catalog = ExerciseCatalog.load(Path.of("../content").toAbsolutePath().normalize());
        for (Exercise exercise : catalog.all()) {
            JsonNode template = YAML.readTree(SamTemplate.of(exercise));
            assertEquals("AWS::Serverless-2016-10-31", template.path("Transform").asText());
            for (FunctionSpec spec : exercise.functions().values()) {
                String id = exercise.hasSeveralFunctions() ? SamTemplate.id(spec.logicalName(), "Function")
                        : "Function";
                JsonNode function = template.path("Resources").path(id);
                assertEquals("AWS::Serverless::Function", function.path("Type").asText(), exercise.id() + " " + id);
                assertEquals(spec.handler(), function.path("Properties").path("Handler").asText());
                assertEquals(exercise.runtime(), function.path("Properties").path("Runtime").asText());
            }
            assertEquals(dangling(template), List.of(), exercise.id() + " refers to resources it does not declare");
        }
    }

    @Test
    void aRestApiWithAnAuthorizer_becomesAnExplicitApiWhoseDefaultAuthorizerIsTheTokenFunction() throws IOException {
        Exercise exercise = ExerciseCatalog.load(Path.of("../content")).find("protected-api").orElseThrow();
        JsonNode resources = YAML.readTree(SamTemplate.of(exercise)).path("Resources");

        JsonNode api = resources.path("RestApi");
        assertEquals("AWS::Serverless::Api", api.path("Type").asText());
        JsonNode auth = api.path("Properties").path("Auth");
        assertEquals("TokenAuthorizer", auth.path("DefaultAuthorizer").asText());
        JsonNode authorizer = auth.path("Authorizers").path("TokenAuthorizer");
        assertEquals("AuthorizerFunction", authorizer.path("FunctionArn").path("Fn::GetAtt").path(0).asText());
        assertEquals("Authorization", authorizer.path("Identity").path("Header").asText());
        assertEquals("RestApi", resources.path("OrdersFunction").path("Properties").path("Events").path("Api")
                .path("Properties").path("RestApiId").path("Ref").asText());
    }

    @Test
    void ordersBecomeATableWithCrudPolicyAndAnHttpApiEvent() throws IOException {
        Exercise orders = ExerciseCatalog.load(Path.of("../content")).find("dynamodb-orders").orElseThrow();
        String text = SamTemplate.of(orders);
        JsonNode resources = YAML.readTree(text).path("Resources");

        JsonNode table = resources.path("OrdersTable");
        assertEquals("AWS::DynamoDB::Table", table.path("Type").asText());
        assertEquals("PAY_PER_REQUEST", table.path("Properties").path("BillingMode").asText());
        assertEquals("orderId", table.path("Properties").path("KeySchema").path(0).path("AttributeName").asText());
        JsonNode function = resources.path("Function").path("Properties");
        assertEquals("OrdersTable", function.path("Environment").path("Variables").path("TABLE_NAME").path("Ref")
                .asText());
        assertEquals("HttpApi", function.path("Events").path("Api").path("Type").asText());
        assertEquals("OrdersTable", function.path("Policies").path(0).path("DynamoDBCrudPolicy").path("TableName")
                .path("Ref").asText());
        assertTrue(text.contains("# Table orders starts with 1 item(s)"), text);
    }

    @Test
    void eventResourcesBecomeFunctionEventsAndResources() throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/pipeline"));
        Files.writeString(folder.resolve("exercise.yml"), """
                title: Pipeline
                lesson: l
                handler: a.B
                environment:
                  QUEUE: ${queue:jobs}
                  WHERE: "${region}/${bucket:inbox}"
                resources:
                  parameters:
                    token: {name: /app/token, type: SecureString, value: t}
                  buckets:
                    inbox: {notifications: [{events: ["s3:ObjectCreated:*"], prefix: in/}]}
                  queues:
                    jobs: {deadLetter: {queue: failed}, trigger: {batchSize: 5, reportBatchItemFailures: true}}
                    failed: {}
                  topics:
                    news: {subscriptions: [{target: "queue:failed", raw: true}, {target: function}]}
                  buses:
                    orders: {}
                  rules:
                    hourly: {schedule: "rate(1 hour)", targets: [function]}
                  streams:
                    clicks: {trigger: {batchSize: 50}}
                  stateMachines:
                    flow: {definition: flow.asl.json}
                """);
        Files.writeString(folder.resolve("flow.asl.json"), "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\","
                + "\"Resource\":\"${function}\",\"End\":true}}}");
        Exercise pipeline = ExerciseCatalog.load(content).find("pipeline").orElseThrow();

        String text = SamTemplate.of(pipeline);
        JsonNode template = YAML.readTree(text);
        JsonNode events = template.path("Resources").path("Function").path("Properties").path("Events");

        assertEquals(List.of(), dangling(template), text);
        assertEquals("S3", events.path("InboxBucketEvent0").path("Type").asText(), text);
        assertEquals("in/", events.path("InboxBucketEvent0").path("Properties").path("Filter").path("S3Key")
                .path("Rules").path(0).path("Value").asText());
        assertEquals("SQS", events.path("JobsQueueEvent").path("Type").asText());
        assertEquals("ReportBatchItemFailures", events.path("JobsQueueEvent").path("Properties")
                .path("FunctionResponseTypes").path(0).asText());
        assertEquals("SNS", events.path("NewsTopicEvent1").path("Type").asText());
        assertEquals("Schedule", events.path("HourlyRule").path("Type").asText());
        assertTrue(template.path("Resources").path("Function").path("Properties").path("Policies").findValues(
                "EventBridgePutEventsPolicy").stream().anyMatch(policy -> policy.path("EventBusName").path("Ref")
                .asText().equals("OrdersBus")), "a function may put events on the bus it was given: " + text);
        assertEquals("Kinesis", events.path("ClicksStreamEvent").path("Type").asText());
        assertEquals("TRIM_HORIZON", events.path("ClicksStreamEvent").path("Properties").path("StartingPosition")
                .asText());
        JsonNode jobs = template.path("Resources").path("JobsQueue").path("Properties");
        assertEquals("FailedQueue", jobs.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").path(0)
                .asText());
        assertEquals("sqs", template.path("Resources").path("NewsTopicSubscription0").path("Properties")
                .path("Protocol").asText());
        assertEquals("AWS::Serverless::StateMachine", template.path("Resources").path("FlowStateMachine")
                .path("Type").asText());
        assertEquals("Function", template.path("Resources").path("FlowStateMachine").path("Properties")
                .path("DefinitionSubstitutions").path("function").path("Fn::GetAtt").path(0).asText());
        assertTrue(text.contains("CloudFormation cannot create SecureString parameters: create /app/token"), text);
        assertEquals("${region}/${bucket_inbox}".replace("region", "region_"), template.path("Resources")
                .path("Function").path("Properties").path("Environment").path("Variables").path("WHERE")
                .path("Fn::Sub").path(0).asText());
    }

    @Test
    void severalFunctions_becomeOneResourceEach_withTheirOwnSettingsAndEvents() throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/orders"));
        Files.writeString(folder.resolve("exercise.yml"), """
                title: Orders
                lesson: l
                timeout: 5
                functions:
                  validate: {handler: o.Validate}
                  charge: {handler: o.Charge, timeout: 9, environment: {MODE: live}}
                resources:
                  queues:
                    jobs: {trigger: {function: charge}}
                  rules:
                    hourly: {schedule: "rate(1 hour)", targets: ["function:validate"]}
                  stateMachines:
                    flow: {definition: flow.asl.json}
                """);
        Files.writeString(folder.resolve("flow.asl.json"), "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":"
                + "\"Task\",\"Resource\":\"${function:charge}\",\"End\":true}}}");
        Exercise orders = ExerciseCatalog.load(content).find("orders").orElseThrow();

        String text = SamTemplate.of(orders);
        JsonNode resources = YAML.readTree(text).path("Resources");

        assertEquals(List.of(), dangling(YAML.readTree(text)), text);
        JsonNode validate = resources.path("ValidateFunction").path("Properties");
        JsonNode charge = resources.path("ChargeFunction").path("Properties");
        assertEquals("o.Validate", validate.path("Handler").asText(), text);
        assertEquals(5, validate.path("Timeout").asInt());
        assertEquals(9, charge.path("Timeout").asInt());
        assertEquals("live", charge.path("Environment").path("Variables").path("MODE").asText());
        assertEquals("Schedule", validate.path("Events").path("HourlyRule").path("Type").asText(), text);
        assertTrue(validate.path("Events").path("JobsQueueEvent").isMissingNode(), text);
        assertEquals("SQS", charge.path("Events").path("JobsQueueEvent").path("Type").asText(), text);
        assertEquals("ChargeFunction", resources.path("FlowStateMachine").path("Properties")
                .path("DefinitionSubstitutions").path("function_charge").path("Fn::GetAtt").path(0).asText(), text);
        assertTrue(resources.path("Function").isMissingNode(), text);
    }

    /** Every Ref and Fn::GetAtt that names no resource of the template (nor one SAM or CloudFormation provides). */
    private static List<String> dangling(JsonNode template) {
        List<String> missing = new ArrayList<>();
        collect(template.path("Resources"), template.path("Resources"), missing);
        return missing;
    }

    private static void collect(JsonNode node, JsonNode resources, List<String> missing) {
        if (node.isObject()) {
            if (node.has("Ref") && !resources.has(node.get("Ref").asText())
                    && !IMPLICIT.contains(node.get("Ref").asText())) {
                missing.add("Ref " + node.get("Ref").asText());
            }
            if (node.has("Fn::GetAtt") && !resources.has(node.get("Fn::GetAtt").path(0).asText())) {
                missing.add("Fn::GetAtt " + node.get("Fn::GetAtt").path(0).asText());
            }
            node.forEach(child -> collect(child, resources, missing));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, resources, missing));
        }
    }
}
