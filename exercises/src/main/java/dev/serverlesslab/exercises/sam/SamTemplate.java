package dev.serverlesslab.exercises.sam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.serverlesslab.exercises.exercise.ApiSpec;
import dev.serverlesslab.exercises.exercise.BucketSpec;
import dev.serverlesslab.exercises.exercise.EventResources;
import dev.serverlesslab.exercises.exercise.EventSourceSpec;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseResources;
import dev.serverlesslab.exercises.exercise.FunctionSpec;
import dev.serverlesslab.exercises.exercise.IndexSpec;
import dev.serverlesslab.exercises.exercise.KeyAttribute;
import dev.serverlesslab.exercises.exercise.KeySpec;
import dev.serverlesslab.exercises.exercise.ParameterSpec;
import dev.serverlesslab.exercises.exercise.QueueSpec;
import dev.serverlesslab.exercises.exercise.ResourceReference;
import dev.serverlesslab.exercises.exercise.RuleSpec;
import dev.serverlesslab.exercises.exercise.ScheduleSpec;
import dev.serverlesslab.exercises.exercise.StateMachineSpec;
import dev.serverlesslab.exercises.exercise.StreamSpec;
import dev.serverlesslab.exercises.exercise.TableSpec;
import dev.serverlesslab.exercises.exercise.TargetRef;
import dev.serverlesslab.exercises.exercise.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exercise's functions and resources as an AWS SAM template, what the infrastructure-as-code lesson teaches: each
 * function with its environment, policies and event sources (API, S3, SQS, SNS, EventBridge, schedules, Kinesis),
 * and every declared table, key, parameter, bucket, queue, topic, bus, rule, schedule, state machine and stream.
 * Intrinsic functions are written in their long form ({@code Ref:}, {@code Fn::GetAtt:}), which every YAML parser
 * reads without custom tags. What CloudFormation cannot create (SecureString parameters) is left out with a comment
 * saying how to create it.
 */
public final class SamTemplate {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "Function";
    /** The explicit REST API of an exercise whose API has an authorizer. */
    private static final String REST_API = "RestApi";

    private final Exercise exercise;
    private final Map<String, Object> resources = new LinkedHashMap<>();
    /** Each function's event sources, by the function's logical name. */
    private final Map<String, Map<String, Object>> events = new LinkedHashMap<>();
    private final List<Object> policies = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private SamTemplate(Exercise exercise) {
        this.exercise = exercise;
        exercise.functions().keySet().forEach(name -> events.put(name, new LinkedHashMap<>()));
    }

    /** The events of the function a target names. */
    private Map<String, Object> eventsOf(TargetRef target) {
        return events.get(target.functionName(exercise.functions().keySet()));
    }

    /** {@code Function} for an exercise with one function, else e.g. {@code ValidateFunction}. */
    private String functionId(String logical) {
        return exercise.hasSeveralFunctions() ? id(logical, FUNCTION) : FUNCTION;
    }

    private String functionId(TargetRef target) {
        return functionId(target.functionName(exercise.functions().keySet()));
    }

    /** The template as YAML, headed by comments on what it leaves out. */
    public static String of(Exercise exercise) {
        SamTemplate template = new SamTemplate(exercise);
        Map<String, Object> document = template.build();
        StringBuilder text = new StringBuilder("# ").append(exercise.title()).append(": the function and its "
                + "resources as an AWS SAM template (sam build && sam deploy --guided)\n");
        template.notes.forEach(note -> text.append("# ").append(note).append('\n'));
        try {
            return text.append(YAML.writeValueAsString(document)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A template of plain maps always serializes", e);
        }
    }

    private Map<String, Object> build() {
        ExerciseResources declared = exercise.resources();
        declared.tables().values().forEach(this::table);
        declared.keys().values().forEach(this::key);
        declared.parameters().values().forEach(this::parameter);
        EventResources event = declared.events();
        event.buckets().values().forEach(this::bucket);
        event.queues().values().forEach(this::queue);
        event.topics().values().forEach(this::topic);
        event.buses().keySet().forEach(this::bus);
        event.streams().values().forEach(this::stream);
        event.rules().values().forEach(this::rule);
        event.schedules().values().forEach(this::schedule);
        event.stateMachines().values().forEach(this::stateMachine);
        declared.api().ifPresent(this::api);
        policies.addAll(0, declared.role().policies());
        Map<String, Object> all = new LinkedHashMap<>();
        // Every function of a grading runs with the one execution role, so each gets the same policies.
        for (FunctionSpec spec : exercise.functions().values()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("CodeUri", ".");
            function.put("Handler", spec.handler());
            function.put("Runtime", exercise.runtime());
            function.put("MemorySize", spec.memory());
            function.put("Timeout", spec.timeout());
            if (!spec.environment().isEmpty()) {
                Map<String, Object> variables = new LinkedHashMap<>();
                spec.environment().forEach((name, value) -> variables.put(name, value(value)));
                function.put("Environment", map("Variables", variables));
            }
            if (!policies.isEmpty()) {
                function.put("Policies", policies);
            }
            if (!events.get(spec.logicalName()).isEmpty()) {
                function.put("Events", events.get(spec.logicalName()));
            }
            all.put(functionId(spec.logicalName()), resource("AWS::Serverless::Function", function));
        }
        all.putAll(resources);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("AWSTemplateFormatVersion", "2010-09-09");
        document.put("Transform", "AWS::Serverless-2016-10-31");
        document.put("Description", exercise.title());
        document.put("Resources", all);
        return document;
    }

    private void table(TableSpec table) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("BillingMode", "PAY_PER_REQUEST");
        List<Object> attributes = new ArrayList<>();
        table.keyAttributeTypes().forEach((name, type) -> attributes.add(map("AttributeName", name,
                "AttributeType", type)));
        properties.put("AttributeDefinitions", attributes);
        properties.put("KeySchema", keySchema(table.partitionKey(), table.sortKey()));
        if (!table.indexes().isEmpty()) {
            List<Object> indexes = new ArrayList<>();
            for (IndexSpec index : table.indexes().values()) {
                indexes.add(map("IndexName", index.name(), "KeySchema", keySchema(index.partitionKey(),
                        index.sortKey()), "Projection", map("ProjectionType", "ALL")));
            }
            properties.put("GlobalSecondaryIndexes", indexes);
        }
        String id = id(table.logicalName(), "Table");
        resources.put(id, resource("AWS::DynamoDB::Table", properties));
        policies.add(map("DynamoDBCrudPolicy", map("TableName", ref(id))));
        if (!table.items().isEmpty()) {
            notes.add("Table " + table.logicalName() + " starts with " + table.items().size() + " item(s) in the "
                    + "exercise; SAM creates it empty (seed it with aws dynamodb batch-write-item).");
        }
    }

    private static List<Object> keySchema(KeyAttribute partition, KeyAttribute sort) {
        List<Object> schema = new ArrayList<>();
        schema.add(map("AttributeName", partition.name(), "KeyType", "HASH"));
        if (sort != null) {
            schema.add(map("AttributeName", sort.name(), "KeyType", "RANGE"));
        }
        return schema;
    }

    private void key(KeySpec key) {
        String id = id(key.logicalName(), "Key");
        resources.put(id, resource("AWS::KMS::Key", map("Description", key.description().isEmpty()
                ? "Key " + key.logicalName() : key.description(), "KeyPolicy", map("Version", "2012-10-17",
                "Statement", List.of(map("Sid", "AccountAdministers", "Effect", "Allow",
                        "Principal", map("AWS", sub("arn:aws:iam::${AWS::AccountId}:root")), "Action", "kms:*",
                        "Resource", "*"))))));
        resources.put(id + "Alias", resource("AWS::KMS::Alias", map("AliasName", "alias/" + key.alias(),
                "TargetKeyId", ref(id))));
        policies.add(map("KMSEncryptPolicy", map("KeyId", ref(id))));
        policies.add(map("KMSDecryptPolicy", map("KeyId", ref(id))));
    }

    private void parameter(ParameterSpec parameter) {
        if (parameter.type().equals("SecureString")) {
            notes.add("CloudFormation cannot create SecureString parameters: create " + parameter.name()
                    + " with aws ssm put-parameter --type SecureString" + (parameter.key() == null ? ""
                            : " --key-id alias/" + exercise.resources().keys().get(parameter.key()).alias()) + ".");
        } else {
            resources.put(id(parameter.logicalName(), "Parameter"), resource("AWS::SSM::Parameter",
                    map("Name", parameter.name(), "Type", parameter.type(), "Value", parameter.value())));
        }
        String name = parameter.name().startsWith("/") ? parameter.name().substring(1) : parameter.name();
        policies.add(map("SSMParameterReadPolicy", map("ParameterName", name)));
    }

    private void bucket(BucketSpec bucket) {
        String id = id(bucket.logicalName(), "Bucket");
        resources.put(id, resource("AWS::S3::Bucket", map()));
        policies.add(map("S3CrudPolicy", map("BucketName", ref(id))));
        int index = 0;
        for (BucketSpec.Notification notification : bucket.notifications()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("Bucket", ref(id));
            properties.put("Events", notification.events().size() == 1 ? notification.events().get(0)
                    : notification.events());
            List<Object> rules = new ArrayList<>();
            if (notification.prefix() != null) {
                rules.add(map("Name", "prefix", "Value", notification.prefix()));
            }
            if (notification.suffix() != null) {
                rules.add(map("Name", "suffix", "Value", notification.suffix()));
            }
            if (!rules.isEmpty()) {
                properties.put("Filter", map("S3Key", map("Rules", rules)));
            }
            if (notification.target().isFunction()) {
                eventsOf(notification.target()).put(id + "Event" + index, map("Type", "S3", "Properties",
                        properties));
            } else {
                notes.add("Bucket " + bucket.logicalName() + " also notifies " + notification.target().text()
                        + " (a NotificationConfiguration on the bucket with a QueueConfigurations or "
                        + "TopicConfigurations entry, and a queue or topic policy allowing s3.amazonaws.com).");
            }
            index++;
        }
    }

    private void queue(QueueSpec queue) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (queue.fifo()) {
            properties.put("FifoQueue", true);
            properties.put("ContentBasedDeduplication", true);
        }
        if (queue.visibilityTimeout() != null) {
            properties.put("VisibilityTimeout", queue.visibilityTimeout());
        }
        if (queue.delaySeconds() != null) {
            properties.put("DelaySeconds", queue.delaySeconds());
        }
        if (queue.deadLetterQueue() != null) {
            properties.put("RedrivePolicy", map("deadLetterTargetArn", getAtt(id(queue.deadLetterQueue(), "Queue"),
                    "Arn"), "maxReceiveCount", queue.maxReceiveCount()));
        }
        String id = id(queue.logicalName(), "Queue");
        resources.put(id, resource("AWS::SQS::Queue", properties));
        policies.add(map("SQSSendMessagePolicy", map("QueueName", getAtt(id, "QueueName"))));
        if (queue.trigger() != null) {
            Map<String, Object> source = mapping(queue.trigger());
            source.put("Queue", getAtt(id, "Arn"));
            eventsOf(queue.trigger().function()).put(id + "Event", map("Type", "SQS", "Properties", source));
        }
    }

    private void topic(TopicSpec topic) {
        String id = id(topic.logicalName(), "Topic");
        resources.put(id, resource("AWS::SNS::Topic", topic.fifo() ? map("FifoTopic", true,
                "ContentBasedDeduplication", true) : map()));
        policies.add(map("SNSPublishMessagePolicy", map("TopicName", getAtt(id, "TopicName"))));
        int index = 0;
        for (TopicSpec.Subscription subscription : topic.subscriptions()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (subscription.filterPolicy() != null) {
                properties.put("FilterPolicy", json(subscription.filterPolicy()));
            }
            if (subscription.filterPolicyScope() != null) {
                properties.put("FilterPolicyScope", subscription.filterPolicyScope());
            }
            if (subscription.target().isFunction()) {
                properties.put("Topic", ref(id));
                eventsOf(subscription.target()).put(id + "Event" + index, map("Type", "SNS", "Properties",
                        properties));
            } else {
                String queue = id(subscription.target().logicalName(), "Queue");
                properties.put("TopicArn", ref(id));
                properties.put("Protocol", "sqs");
                properties.put("Endpoint", getAtt(queue, "Arn"));
                if (subscription.raw()) {
                    properties.put("RawMessageDelivery", true);
                }
                resources.put(id + "Subscription" + index, resource("AWS::SNS::Subscription", properties));
                resources.put(id + "To" + queue + "Policy", resource("AWS::SQS::QueuePolicy", map(
                        "Queues", List.of(ref(queue)), "PolicyDocument", allowService("sns.amazonaws.com",
                                getAtt(queue, "Arn"), "sqs:SendMessage", ref(id)))));
            }
            index++;
        }
    }

    private void stream(StreamSpec stream) {
        String id = id(stream.logicalName(), "Stream");
        resources.put(id, resource("AWS::Kinesis::Stream", map("ShardCount", stream.shards())));
        policies.add(map("KinesisCrudPolicy", map("StreamName", ref(id))));
        if (stream.trigger() != null) {
            Map<String, Object> source = mapping(stream.trigger());
            source.put("Stream", getAtt(id, "Arn"));
            eventsOf(stream.trigger().function()).put(id + "Event", map("Type", "Kinesis", "Properties", source));
        }
    }

    private void bus(String bus) {
        String id = id(bus, "Bus");
        resources.put(id, resource("AWS::Events::EventBus", map("Name", bus)));
        // A declared bus is there for the functions to put events on (the grading role may, so the template's too).
        policies.add(map("EventBridgePutEventsPolicy", map("EventBusName", ref(id))));
    }

    private void rule(RuleSpec rule) {
        String id = id(rule.logicalName(), "Rule");
        List<Object> otherTargets = new ArrayList<>();
        for (RuleSpec.RuleTarget target : rule.targets()) {
            if (target.target().isFunction()) {
                Map<String, Object> properties = new LinkedHashMap<>();
                if (rule.schedule() != null) {
                    properties.put("Schedule", rule.schedule());
                } else {
                    properties.put("Pattern", json(rule.pattern()));
                    if (rule.bus() != null) {
                        properties.put("EventBusName", ref(id(rule.bus(), "Bus")));
                    }
                }
                if (target.input() != null) {
                    properties.put("Input", target.input());
                }
                eventsOf(target.target()).put(id, map("Type", rule.schedule() != null ? "Schedule" : "EventBridgeRule",
                        "Properties", properties));
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("Id", target.target().kind() + target.target().logicalName());
                entry.put("Arn", targetArn(target.target()));
                if (target.input() != null) {
                    entry.put("Input", target.input());
                }
                otherTargets.add(entry);
            }
        }
        if (!otherTargets.isEmpty()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (rule.schedule() != null) {
                properties.put("ScheduleExpression", rule.schedule());
            } else {
                properties.put("EventPattern", json(rule.pattern()));
                if (rule.bus() != null) {
                    properties.put("EventBusName", ref(id(rule.bus(), "Bus")));
                }
            }
            properties.put("Targets", otherTargets);
            resources.put(id + "Targets", resource("AWS::Events::Rule", properties));
            notes.add("Rule " + rule.logicalName() + " sends to queues or topics too: give each a policy allowing "
                    + "events.amazonaws.com (AWS::SQS::QueuePolicy, AWS::SNS::TopicPolicy).");
        }
    }

    private void schedule(ScheduleSpec schedule) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ScheduleExpression", schedule.expression());
        if (schedule.timezone() != null) {
            properties.put("ScheduleExpressionTimezone", schedule.timezone());
        }
        if (schedule.input() != null) {
            properties.put("Input", schedule.input());
        }
        if (schedule.target().isFunction()) {
            eventsOf(schedule.target()).put(id(schedule.logicalName(), "Schedule"), map("Type", "ScheduleV2",
                    "Properties", properties));
        } else {
            properties.put("FlexibleTimeWindow", map("Mode", "OFF"));
            properties.put("Target", map("Arn", targetArn(schedule.target()), "RoleArn",
                    "<a role scheduler.amazonaws.com may assume>"));
            resources.put(id(schedule.logicalName(), "Schedule"), resource("AWS::Scheduler::Schedule", properties));
        }
    }

    private void stateMachine(StateMachineSpec machine) {
        Map<String, Object> substitutions = new LinkedHashMap<>();
        String definition = ResourceReference.substitute(machine.definition(), reference -> {
            String name = (reference.kind() + (reference.name().isEmpty() ? "" : "_" + reference.name()))
                    .replaceAll("[^A-Za-z0-9_]", "_");
            substitutions.put(name, reference.kind().equals("function")
                    ? getAtt(functionId(new TargetRef("function", reference.name())), "Arn")
                    : reference.kind().equals("region") ? ref("AWS::Region") : referenceValue(reference));
            return "${" + name + "}";
        });
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Type", machine.type());
        properties.put("DefinitionUri", machine.definitionFile());
        if (!substitutions.isEmpty()) {
            properties.put("DefinitionSubstitutions", substitutions);
        }
        properties.put("Policies", exercise.functions().keySet().stream().<Object>map(function ->
                map("LambdaInvokePolicy", map("FunctionName", ref(functionId(function))))).toList());
        resources.put(id(machine.logicalName(), "StateMachine"), resource("AWS::Serverless::StateMachine",
                properties));
        if (!definition.equals(machine.definition())) {
            notes.add("In " + machine.definitionFile() + ", write the references as ${function}-style "
                    + "DefinitionSubstitutions names, e.g. " + String.join(", ", substitutions.keySet().stream()
                            .map(name -> "${" + name + "}").toList()) + ".");
        }
    }

    private void api(ApiSpec api) {
        TargetRef function = api.function() == null ? TargetRef.function() : new TargetRef("function", api.function());
        if (api.authorizer() != null) {
            authorizedApi(api.authorizer(), function);
            return;
        }
        eventsOf(function).put("Api", api.type() == ApiSpec.Type.HTTP ? map("Type", "HttpApi")
                : map("Type", "Api", "Properties", map("Path", "/{proxy+}", "Method", "ANY")));
    }

    // SAM attaches an authorizer only to an API it is told about, so the implicit ServerlessRestApi becomes an
    // explicit AWS::Serverless::Api whose default authorizer is the TOKEN authorizer (ReauthorizeEvery 0: no cache).
    private void authorizedApi(ApiSpec.Authorizer authorizer, TargetRef function) {
        Map<String, Object> identity = map("Header", "Authorization", "ReauthorizeEvery", 0);
        Map<String, Object> tokenAuthorizer = map("FunctionArn", getAtt(functionId(authorizer.function()), "Arn"),
                "Identity", identity);
        resources.put(REST_API, resource("AWS::Serverless::Api", map("StageName", "Prod", "Auth",
                map("DefaultAuthorizer", "TokenAuthorizer", "Authorizers", map("TokenAuthorizer", tokenAuthorizer)))));
        eventsOf(function).put("Api", map("Type", "Api", "Properties", map("RestApiId", ref(REST_API), "Path",
                "/{proxy+}", "Method", "ANY")));
    }

    private static Map<String, Object> mapping(EventSourceSpec trigger) {
        Map<String, Object> source = new LinkedHashMap<>();
        if (trigger.startingPosition() != null) {
            source.put("StartingPosition", trigger.startingPosition());
        }
        if (trigger.batchSize() != null) {
            source.put("BatchSize", trigger.batchSize());
        }
        if (trigger.maximumBatchingWindowInSeconds() != null) {
            source.put("MaximumBatchingWindowInSeconds", trigger.maximumBatchingWindowInSeconds());
        }
        if (trigger.reportBatchItemFailures()) {
            source.put("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
        }
        if (trigger.maximumRetryAttempts() != null) {
            source.put("MaximumRetryAttempts", trigger.maximumRetryAttempts());
        }
        if (trigger.bisectBatchOnFunctionError() != null) {
            source.put("BisectBatchOnFunctionError", trigger.bisectBatchOnFunctionError());
        }
        return source;
    }

    /** An environment value: plain text, one reference, or text with references as {@code Fn::Sub}. */
    private Object value(String text) {
        List<ResourceReference> references = ResourceReference.findIn(text);
        if (references.isEmpty()) {
            return text;
        }
        if (references.size() == 1 && references.get(0).text().equals(text)) {
            return referenceValue(references.get(0));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        String pattern = ResourceReference.substitute(text, reference -> {
            String name = (reference.kind() + "_" + reference.name()).replaceAll("[^A-Za-z0-9_]", "_");
            variables.put(name, referenceValue(reference));
            return "${" + name + "}";
        });
        return map("Fn::Sub", List.of(pattern, variables));
    }

    private Object referenceValue(ResourceReference reference) {
        String name = reference.name();
        return switch (reference.kind()) {
            case "table" -> ref(id(name, "Table"));
            case "key" -> ref(id(name, "Key"));
            case "keyArn" -> getAtt(id(name, "Key"), "Arn");
            case "alias" -> "alias/" + exercise.resources().keys().get(name).alias();
            case "parameter" -> exercise.resources().parameters().get(name).name();
            case "api" -> exercise.resources().api().<Object>map(api -> api.type() == ApiSpec.Type.HTTP
                    ? sub("https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com")
                    : sub("https://${" + (api.authorizer() == null ? "ServerlessRestApi" : REST_API)
                            + "}.execute-api.${AWS::Region}.amazonaws.com/Prod")).orElse("");
            case "bucket" -> ref(id(name, "Bucket"));
            case "queue" -> ref(id(name, "Queue"));
            case "queueArn" -> getAtt(id(name, "Queue"), "Arn");
            case "topic" -> ref(id(name, "Topic"));
            case "bus" -> ref(id(name, "Bus"));
            case "stateMachine" -> ref(id(name, "StateMachine"));
            case "stream" -> ref(id(name, "Stream"));
            case "function" -> getAtt(functionId(new TargetRef("function", name)), "Arn");
            default -> ref("AWS::Region");
        };
    }

    private Object targetArn(TargetRef target) {
        String name = target.logicalName();
        return switch (target.kind()) {
            case "queue" -> getAtt(id(name, "Queue"), "Arn");
            case "topic" -> ref(id(name, "Topic"));
            case "bus" -> getAtt(id(name, "Bus"), "Arn");
            case "stateMachine" -> ref(id(name, "StateMachine"));
            case "stream" -> getAtt(id(name, "Stream"), "Arn");
            default -> getAtt(functionId(target), "Arn");
        };
    }

    private static Map<String, Object> allowService(String principal, Object resource, String action,
            Object sourceArn) {
        return map("Version", "2012-10-17", "Statement", List.of(map("Effect", "Allow",
                "Principal", map("Service", principal), "Action", action, "Resource", resource,
                "Condition", map("ArnEquals", map("aws:SourceArn", sourceArn)))));
    }

    /** A CloudFormation logical id: letters and digits, e.g. {@code orders} table → {@code OrdersTable}. */
    static String id(String logical, String kind) {
        StringBuilder id = new StringBuilder();
        boolean upper = true;
        for (char c : logical.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return id + kind;
    }

    private static Map<String, Object> resource(String type, Map<String, Object> properties) {
        return properties.isEmpty() ? map("Type", type) : map("Type", type, "Properties", properties);
    }

    private static Map<String, Object> ref(String id) {
        return map("Ref", id);
    }

    private static Map<String, Object> getAtt(String id, String attribute) {
        return map("Fn::GetAtt", List.of(id, attribute));
    }

    private static Map<String, Object> sub(String text) {
        return map("Fn::Sub", text);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Patterns and policies are JSON by construction", e);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
