package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.util.List;

/**
 * What a mapping's owner chose, checked against Lambda's rules for stream sources. Settings the emulator does not
 * honour are refused naming the field, never accepted and dropped.
 *
 * @param maximumRecordAgeInSeconds -1: records never expire in the emulator
 * @param maximumRetryAttempts -1: retry until the record expires
 */
record MappingSettings(
        boolean enabled,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        int maximumRecordAgeInSeconds,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        boolean reportBatchItemFailures) {

    static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    /** Members of CreateEventSourceMapping/UpdateEventSourceMapping that no served source uses. */
    private static final List<String> NOT_EMULATED = List.of("Queues", "Topics", "SourceAccessConfigurations",
            "SelfManagedEventSource", "SelfManagedKafkaEventSourceConfig", "AmazonManagedKafkaEventSourceConfig",
            "ScalingConfig", "DocumentDBEventSourceConfig", "KMSKeyArn", "MetricsConfig", "ProvisionedPollerConfig",
            "Tags", "StartingPositionTimestamp");

    /** Lambda's defaults for a DynamoDB stream. */
    static MappingSettings defaults() {
        return new MappingSettings(true, 100, 0, -1, false, -1, false);
    }

    /** These settings with the members the request carries; absent members keep their value. */
    MappingSettings with(JsonRequest request) {
        refuseNotEmulated(request);
        int batch = range(request, "BatchSize", batchSize, 1, 10_000);
        int window = range(request, "MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds, 0, 300);
        int age = maximumRecordAgeInSeconds;
        Integer requestedAge = request.wholeInt("MaximumRecordAgeInSeconds");
        if (requestedAge != null) {
            if (requestedAge != -1 && (requestedAge < 60 || requestedAge > 604_800)) {
                throw LambdaErrors.invalidParameter("MaximumRecordAgeInSeconds must be -1 (records never expire) "
                        + "or between 60 and 604800, not " + requestedAge);
            }
            age = requestedAge;
        }
        int retries = range(request, "MaximumRetryAttempts", maximumRetryAttempts, -1, 10_000);
        range(request, "ParallelizationFactor", 1, 1, 10);
        Integer parallel = request.wholeInt("ParallelizationFactor");
        if (parallel != null && parallel != 1) {
            throw LambdaErrors.invalidParameter("ParallelizationFactor " + parallel + " is not emulated: Serverless "
                    + "Lab's emulator processes one batch per shard at a time (ParallelizationFactor 1)");
        }
        Integer tumbling = request.wholeInt("TumblingWindowInSeconds");
        if (tumbling != null && tumbling != 0) {
            throw LambdaErrors.invalidParameter("TumblingWindowInSeconds is not emulated by Serverless Lab's "
                    + "emulator; leave it out or set 0");
        }
        boolean report = reportBatchItemFailures;
        if (request.has("FunctionResponseTypes")) {
            List<String> types = request.texts("FunctionResponseTypes");
            for (String type : types) {
                if (!REPORT_BATCH_ITEM_FAILURES.equals(type)) {
                    throw LambdaErrors.validation(List.of(LambdaErrors.violation(types, "functionResponseTypes",
                            "Member must satisfy constraint: [Member must satisfy enum value set: ["
                                    + REPORT_BATCH_ITEM_FAILURES + "]]")));
                }
            }
            report = !types.isEmpty();
        }
        return new MappingSettings(request.bool("Enabled", enabled), batch, window, age,
                request.bool("BisectBatchOnFunctionError", bisectBatchOnFunctionError), retries, report);
    }

    private static void refuseNotEmulated(JsonRequest request) {
        for (String member : NOT_EMULATED) {
            JsonNode value = request.node().get(member);
            if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                throw LambdaErrors.invalidParameter(member + " is not supported by Serverless Lab's emulator for "
                        + "DynamoDB stream event sources; leave it out");
            }
        }
        JsonNode filters = request.node().path("FilterCriteria").path("Filters");
        if (filters.isArray() && !filters.isEmpty()) {
            throw LambdaErrors.invalidParameter("FilterCriteria is not supported by Serverless Lab's emulator yet: "
                    + "every record reaches the function; filter in the handler instead");
        }
        JsonNode onFailure = request.node().path("DestinationConfig").path("OnFailure").path("Destination");
        if (onFailure.isTextual() && !onFailure.asText().isEmpty()) {
            throw LambdaErrors.invalidParameter("DestinationConfig.OnFailure.Destination " + onFailure.asText()
                    + " is refused: Serverless Lab's emulator does not serve " + service(onFailure.asText())
                    + " yet, so records a mapping discards cannot be sent there");
        }
    }

    /** The service an ARN belongs to, as people name it. */
    static String service(String arn) {
        String[] parts = arn.split(":");
        String service = parts.length > 2 ? parts[2] : arn;
        return switch (service) {
            case "sqs" -> "SQS";
            case "sns" -> "SNS";
            case "s3" -> "S3";
            case "kinesis" -> "Kinesis";
            case "events" -> "EventBridge";
            case "kafka" -> "Amazon MSK";
            case "mq" -> "Amazon MQ";
            case "rds" -> "DocumentDB";
            default -> "'" + service + "'";
        };
    }

    private static int range(JsonRequest request, String member, int current, int min, int max) {
        Integer value = request.wholeInt(member);
        if (value == null) {
            return current;
        }
        if (value < min || value > max) {
            throw LambdaErrors.invalidParameter(member + " must be between " + min + " and " + max + ", not "
                    + value);
        }
        return value;
    }
}
