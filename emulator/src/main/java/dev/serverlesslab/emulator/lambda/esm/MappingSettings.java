package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.util.List;

/**
 * What a mapping's owner chose, checked against Lambda's rules for stream sources or, when {@code queue}, for SQS.
 * Settings the emulator does not honour are refused naming the field, never accepted and dropped.
 *
 * @param queue true for an SQS source, which takes none of the stream settings
 * @param maximumRecordAgeInSeconds -1: records never expire in the emulator
 * @param maximumRetryAttempts -1: retry until the record expires
 * @param maximumConcurrency SQS's {@code ScalingConfig.MaximumConcurrency}, or null; honoured, since the emulator
 *     runs one batch of a mapping at a time
 */
record MappingSettings(
        boolean queue,
        boolean enabled,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        int maximumRecordAgeInSeconds,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        boolean reportBatchItemFailures,
        Integer maximumConcurrency) {

    static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    /** Members of CreateEventSourceMapping/UpdateEventSourceMapping that no served source uses. */
    private static final List<String> NOT_EMULATED = List.of("Queues", "Topics", "SourceAccessConfigurations",
            "SelfManagedEventSource", "SelfManagedKafkaEventSourceConfig", "AmazonManagedKafkaEventSourceConfig",
            "DocumentDBEventSourceConfig", "KMSKeyArn", "MetricsConfig", "ProvisionedPollerConfig",
            "Tags", "StartingPositionTimestamp");

    /** Stream settings SQS sources do not take; AWS refuses each of them for a queue. */
    private static final List<String> STREAM_ONLY = List.of("StartingPosition", "StartingPositionTimestamp",
            "BisectBatchOnFunctionError", "ParallelizationFactor", "MaximumRecordAgeInSeconds", "MaximumRetryAttempts",
            "TumblingWindowInSeconds");

    /** Lambda's defaults for a DynamoDB stream. */
    static MappingSettings defaults() {
        return new MappingSettings(false, true, 100, 0, -1, false, -1, false, null);
    }

    /** Lambda's defaults for an SQS queue: batches of 10, no batching window. */
    static MappingSettings queueDefaults() {
        return new MappingSettings(true, true, 10, 0, -1, false, -1, false, null);
    }

    /** These settings with the members the request carries; absent members keep their value. */
    MappingSettings with(JsonRequest request) {
        refuseNotEmulated(request);
        if (queue) {
            return withQueue(request);
        }
        if (request.has("ScalingConfig")) {
            throw LambdaErrors.invalidParameter("ScalingConfig is only valid for SQS event sources; leave it out");
        }
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
        boolean report = reportBatchItemFailures(request, reportBatchItemFailures);
        return new MappingSettings(false, request.bool("Enabled", enabled), batch, window, age,
                request.bool("BisectBatchOnFunctionError", bisectBatchOnFunctionError), retries, report, null);
    }

    /** SQS's rules: batches up to 10, or up to 10,000 with a batching window; no stream settings. */
    private MappingSettings withQueue(JsonRequest request) {
        for (String member : STREAM_ONLY) {
            if (request.has(member)) {
                throw LambdaErrors.invalidParameter(member + " is not valid for SQS event sources: Lambda reads a "
                        + "queue without positions, retries or shards; leave it out");
            }
        }
        int batch = range(request, "BatchSize", batchSize, 1, 10_000);
        int window = range(request, "MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds, 0, 300);
        if (batch > 10 && window < 1) {
            throw LambdaErrors.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum "
                    + "batch size is greater than 10");
        }
        Integer concurrency = maximumConcurrency;
        if (request.has("ScalingConfig")) {
            JsonRequest scaling = new JsonRequest(request.node().get("ScalingConfig"));
            concurrency = scaling.wholeInt("MaximumConcurrency");
            if (concurrency != null && (concurrency < 2 || concurrency > 1000)) {
                throw LambdaErrors.invalidParameter("ScalingConfig.MaximumConcurrency must be between 2 and 1000, "
                        + "not " + concurrency);
            }
        }
        return new MappingSettings(true, request.bool("Enabled", enabled), batch, window, -1, false, -1,
                reportBatchItemFailures(request, reportBatchItemFailures), concurrency);
    }

    private static boolean reportBatchItemFailures(JsonRequest request, boolean current) {
        if (!request.has("FunctionResponseTypes")) {
            return current;
        }
        List<String> types = request.texts("FunctionResponseTypes");
        for (String type : types) {
            if (!REPORT_BATCH_ITEM_FAILURES.equals(type)) {
                throw LambdaErrors.validation(List.of(LambdaErrors.violation(types, "functionResponseTypes",
                        "Member must satisfy constraint: [Member must satisfy enum value set: ["
                                + REPORT_BATCH_ITEM_FAILURES + "]]")));
            }
        }
        return !types.isEmpty();
    }

    private void refuseNotEmulated(JsonRequest request) {
        for (String member : NOT_EMULATED) {
            JsonNode value = request.node().get(member);
            if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                throw LambdaErrors.invalidParameter(member + " is not supported by Serverless Lab's emulator for "
                        + (queue ? "SQS" : "Kinesis and DynamoDB stream") + " event sources; leave it out");
            }
        }
        JsonNode filters = request.node().path("FilterCriteria").path("Filters");
        if (filters.isArray() && !filters.isEmpty()) {
            throw LambdaErrors.invalidParameter("FilterCriteria is not supported by Serverless Lab's emulator yet: "
                    + "every record reaches the function; filter in the handler instead");
        }
        JsonNode onFailure = request.node().path("DestinationConfig").path("OnFailure").path("Destination");
        if (queue && onFailure.isTextual() && !onFailure.asText().isEmpty()) {
            throw LambdaErrors.invalidParameter("DestinationConfig.OnFailure is not valid for SQS event sources: "
                    + "failed messages go to the queue's own dead-letter queue (its RedrivePolicy)");
        }
        if (onFailure.isTextual() && !onFailure.asText().isEmpty()) {
            throw LambdaErrors.invalidParameter("DestinationConfig.OnFailure.Destination " + onFailure.asText()
                    + " is refused: Serverless Lab's emulator does not send the records a stream mapping discards to "
                    + "an on-failure destination (" + service(onFailure.asText()) + ") yet; leave it out");
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
            case "dynamodb" -> "DynamoDB";
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
