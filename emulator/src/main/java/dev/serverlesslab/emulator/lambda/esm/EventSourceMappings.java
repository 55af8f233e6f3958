package dev.serverlesslab.emulator.lambda.esm;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.lambda.FunctionConfiguration;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lambda's event source mappings, per account and region: Create/Get/List/Update/DeleteEventSourceMapping and the
 * pollers behind them. DynamoDB streams are served here; every other service (SQS, Kinesis) that can feed Lambda registers an
 * {@link EventSourceFactory} under the service part of its ARNs ({@link #register}), and a source of a service with
 * none is refused naming the service. No poller thread exists before the first mapping, so functions without one
 * pay nothing.
 */
public final class EventSourceMappings implements AutoCloseable {

    private final LambdaBackend lambda;
    private final Function<AwsRequest, AwsResponse> dynamoDb;
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, Entry>> mappings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, EventSourceFactory> sources = new ConcurrentHashMap<>();
    private ExecutorService pollers;
    private boolean closed;

    /**
     * @param dynamoDb answers DynamoDB Streams requests in-process (the emulator's DynamoDB service)
     */
    public EventSourceMappings(LambdaBackend lambda, Function<AwsRequest, AwsResponse> dynamoDb) {
        this.lambda = lambda;
        this.dynamoDb = dynamoDb;
        register("dynamodb", (scope, arn) -> {
            if (!DynamoDbStreamSource.accepts(arn)) {
                throw LambdaErrors.invalidParameter("Unsupported event source " + arn + ": a DynamoDB source must be "
                        + "a table's stream, arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL");
            }
            return new DynamoDbStreamSource(dynamoDb, scope, arn);
        });
    }

    /** Lets mappings read a service's sources, e.g. {@code sqs} for queue ARNs; one factory per service. */
    public void register(String arnService, EventSourceFactory factory) {
        if (sources.putIfAbsent(arnService, factory) != null) {
            throw new IllegalStateException("An event source for " + arnService + " is already registered");
        }
    }

    /** A mapping and the poller that runs it. */
    private record Entry(EventSourceMapping mapping, MappingPoller poller) {
    }

    public MappingConfiguration create(AccountRegion scope, JsonRequest request) {
        String sourceArn = request.text("EventSourceArn");
        if (sourceArn == null) {
            throw LambdaErrors.invalidParameter("EventSourceArn is required: Serverless Lab's emulator reads "
                    + "DynamoDB streams (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL)");
        }
        EventSourceFactory factory = Arns.service(sourceArn).map(sources::get).orElse(null);
        if (factory == null) {
            throw LambdaErrors.invalidParameter("Unsupported event source " + sourceArn + ": Serverless Lab's "
                    + "emulator does not serve " + MappingSettings.service(sourceArn) + " as an event source; "
                    + "event source mappings read " + served());
        }
        String functionName = request.text("FunctionName");
        String functionArn = functionArn(scope, functionName);
        EventSource source;
        try {
            source = factory.open(scope, sourceArn);
        } catch (AwsException e) {
            throw LambdaErrors.invalidParameter(e.getMessage());
        }
        EventSource.StartingPosition start = source.requiresStartingPosition()
                ? startingPosition(request.text("StartingPosition"), sourceArn) : null;
        MappingSettings settings = (source.isQueue() ? MappingSettings.queueDefaults() : MappingSettings.defaults())
                .with(request);
        String existing = find(scope, m -> m.eventSourceArn().equals(sourceArn)
                && m.functionArn().equals(functionArn));
        if (existing != null) {
            String kind = source.isQueue() ? "SQS" : MappingSettings.service(sourceArn) + " stream";
            throw LambdaErrors.conflict("An event source mapping with " + kind + " arn (\" " + sourceArn
                    + " \") and function (\" " + functionName + " \") already exists. Please update or delete the "
                    + "existing mapping with UUID " + existing);
        }
        EventSourceMapping mapping = new EventSourceMapping(UUID.randomUUID().toString(), scope, sourceArn, start,
                functionArn, settings);
        MappingPoller poller;
        try {
            poller = new MappingPoller(mapping, source, start, lambda);
        } catch (AwsException e) {
            throw LambdaErrors.invalidParameter("Cannot read " + sourceArn + ": " + e.getMessage() + source.hint());
        }
        MappingConfiguration created = mapping.configuration();
        region(scope).put(mapping.uuid(), new Entry(mapping, poller));
        if (settings.enabled()) {
            poller.start(pollers());
        }
        // The answer says Creating, as AWS's does; the next Get sees the state the poller is in.
        mapping.settle();
        return created;
    }

    public MappingConfiguration get(AccountRegion scope, String uuid) {
        return entry(scope, uuid).mapping().configuration();
    }

    /** The region's mappings, optionally only those of one source and/or one function. */
    public List<MappingConfiguration> list(AccountRegion scope, String eventSourceArn, String functionName) {
        String functionArn = functionName == null ? null : functionArn(scope, functionName);
        return region(scope).values().stream().map(Entry::mapping)
                .filter(m -> eventSourceArn == null || m.eventSourceArn().equals(eventSourceArn))
                .filter(m -> functionArn == null || m.functionArn().equals(functionArn))
                .map(EventSourceMapping::configuration)
                .sorted(Comparator.comparing(MappingConfiguration::uuid))
                .toList();
    }

    public MappingConfiguration update(AccountRegion scope, String uuid, JsonRequest request) {
        Entry entry = entry(scope, uuid);
        EventSourceMapping mapping = entry.mapping();
        if (request.has("StartingPosition") || request.has("EventSourceArn")) {
            throw LambdaErrors.invalidParameter("StartingPosition and EventSourceArn cannot be changed; delete the "
                    + "mapping and create a new one");
        }
        String functionName = request.text("FunctionName");
        String functionArn = functionName == null ? mapping.functionArn() : functionArn(scope, functionName);
        MappingSettings settings = mapping.settings().with(request);
        mapping.update(functionArn, settings);
        MappingConfiguration answer = mapping.configuration();
        if (settings.enabled()) {
            entry.poller().start(pollers());
        } else {
            entry.poller().stop();
        }
        mapping.settle();
        return answer;
    }

    public MappingConfiguration delete(AccountRegion scope, String uuid) {
        Entry entry = entry(scope, uuid);
        entry.mapping().deleting();
        entry.poller().stop();
        region(scope).remove(uuid);
        return entry.mapping().configuration();
    }

    /** Stops every poller; the mappings are gone with the emulator. */
    @Override
    public synchronized void close() {
        closed = true;
        mappings.values().forEach(region -> region.values().forEach(entry -> entry.poller().stop()));
        mappings.clear();
        if (pollers != null) {
            pollers.shutdownNow();
        }
    }

    /** The services sources can come from, as people name them. */
    private String served() {
        return String.join(", ", sources.keySet().stream().sorted()
                .map(service -> MappingSettings.service("arn:aws:" + service + ":")).toList());
    }

    /** Created on the first mapping only: the emulator starts no poller thread for functions without one. */
    private synchronized ExecutorService pollers() {
        if (closed) {
            throw new AwsException("ServiceException", "The emulator is shutting down", 500);
        }
        if (pollers == null) {
            AtomicInteger count = new AtomicInteger();
            pollers = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "lambda-esm-poller-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return pollers;
    }

    private Entry entry(AccountRegion scope, String uuid) {
        Entry entry = region(scope).get(uuid);
        if (entry == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return entry;
    }

    private String find(AccountRegion scope, Predicate<EventSourceMapping> matching) {
        return region(scope).values().stream().map(Entry::mapping).filter(matching).map(EventSourceMapping::uuid)
                .findFirst().orElse(null);
    }

    private ConcurrentMap<String, Entry> region(AccountRegion scope) {
        return mappings.computeIfAbsent(scope, key -> new ConcurrentHashMap<>());
    }

    /** The function's ARN, with the qualifier (version or alias) the caller named; the function must exist. */
    private String functionArn(AccountRegion scope, String functionName) {
        if (functionName == null) {
            throw LambdaErrors.invalidParameter("FunctionName is required");
        }
        FunctionConfiguration function = lambda.getFunctionConfiguration(scope, functionName, null);
        String qualifier = qualifier(functionName);
        String base = function.functionArn();
        if (base.split(":").length > 7) {
            base = base.substring(0, base.lastIndexOf(':'));
        }
        return qualifier == null || "$LATEST".equals(qualifier) ? base : base + ":" + qualifier;
    }

    /** The qualifier in {@code name:q}, {@code ACCOUNT:function:name:q} or a qualified ARN, or null. */
    static String qualifier(String functionName) {
        String[] parts = functionName.split(":");
        int nameIndex = functionName.startsWith("arn:") ? 6 : parts.length >= 3 && "function".equals(parts[1]) ? 2 : 0;
        return parts.length > nameIndex + 1 ? parts[nameIndex + 1] : null;
    }

    private static EventSource.StartingPosition startingPosition(String text, String sourceArn) {
        if (text == null) {
            throw LambdaErrors.invalidParameter("StartingPosition is required for a stream source: TRIM_HORIZON "
                    + "or LATEST");
        }
        return switch (text) {
            case "TRIM_HORIZON" -> EventSource.StartingPosition.TRIM_HORIZON;
            case "LATEST" -> EventSource.StartingPosition.LATEST;
            // Lambda takes AT_TIMESTAMP (with StartingPositionTimestamp) for Kinesis and Kafka only.
            case "AT_TIMESTAMP" -> throw LambdaErrors.invalidParameter("kinesis".equals(Arns.service(sourceArn)
                    .orElse("")) ? "StartingPosition AT_TIMESTAMP is not supported by Serverless Lab's emulator for "
                    + "Kinesis streams; use TRIM_HORIZON or LATEST"
                    : "StartingPosition AT_TIMESTAMP is only valid for Kinesis and Kafka sources, not "
                    + MappingSettings.service(sourceArn) + " streams");
            default -> throw LambdaErrors.validation(List.of(LambdaErrors.violation(text, "startingPosition",
                    "Member must satisfy enum value set: [TRIM_HORIZON, AT_TIMESTAMP, LATEST]")));
        };
    }
}
