package dev.serverlesslab.emulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns PutEvents entries and schedule occurrences into EventBridge events (the envelope {@code version, id,
 * detail-type, source, account, time, region, resources, detail}) and hands each matching rule's targets what they
 * get of it through {@link Targets}: Lambda (checked against the function's policy for {@code events.amazonaws.com}
 * and the rule's ARN), SQS, SNS, Step Functions, and other buses.
 */
final class EventRouter {

    static final String PRINCIPAL = "events.amazonaws.com";
    /** AWS's limit for one PutEvents request's entries (the entry size rule of "Calculating PutEvents entry size"). */
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final int MAX_BUS_HOPS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Targets targets;
    private final EmulatorClock clock;
    private final ThreadLocal<Integer> hops = ThreadLocal.withInitial(() -> 0);

    EventRouter(Targets targets, EmulatorClock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    /** The size AWS counts for an entry: 14 bytes for Time, then Source, DetailType, Detail and Resources. */
    static int size(EventEntry entry) {
        int size = entry.time() == null ? 0 : 14;
        for (String part : new String[] {entry.source(), entry.detailType(), entry.detail()}) {
            size += part == null ? 0 : part.getBytes(StandardCharsets.UTF_8).length;
        }
        for (String resource : entry.resources()) {
            size += resource.getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** Why an entry cannot be put, as PutEvents reports it per entry; empty when it can. */
    Optional<EntryResult> check(EventEntry entry, boolean fromService) {
        if (entry.source() == null || entry.source().isBlank()) {
            return Optional.of(EntryResult.failed("InvalidArgument",
                    "Parameter Source is not valid. Reason: Source is a required argument."));
        }
        if (entry.detailType() == null || entry.detailType().isBlank()) {
            return Optional.of(EntryResult.failed("InvalidArgument",
                    "Parameter DetailType is not valid. Reason: DetailType is a required argument."));
        }
        if (entry.detail() == null) {
            return Optional.of(EntryResult.failed("InvalidArgument",
                    "Parameter Detail is not valid. Reason: Detail is a required argument."));
        }
        if (detail(entry).isEmpty()) {
            return Optional.of(EntryResult.failed("MalformedDetail", "Detail is malformed."));
        }
        if (!fromService && entry.source().startsWith("aws.")) {
            // Sources beginning with aws. are AWS services' own.
            return Optional.of(EntryResult.failed("NotAuthorizedForSourceException", "Not authorized for the source."));
        }
        return Optional.empty();
    }

    /** Makes the event and delivers it to the matching rules' targets; returns its id. */
    String route(AccountRegion scope, EventEntry entry, List<EventsBackend.RuleState> rules) {
        String id = UUID.randomUUID().toString();
        Instant time = entry.time() == null ? clock.instant() : entry.time();
        ObjectNode event = envelope(scope, id, entry.detailType(), entry.source(), time, entry.resources(),
                detail(entry).orElseThrow());
        String eventJson = event.toString();
        for (EventsBackend.RuleState rule : rules) {
            if (rule.pattern.matches(event)) {
                rule.targets.values().forEach(target -> deliver(scope, rule.rule, target, event, eventJson));
            }
        }
        return id;
    }

    /** A schedule rule's occurrence: the Scheduled Event, resources naming the rule, to each target. */
    void fireScheduled(AccountRegion scope, Rule rule, List<RuleTarget> ruleTargets, Instant at) {
        ObjectNode event = envelope(scope, UUID.randomUUID().toString(), "Scheduled Event", "aws.events", at,
                List.of(rule.arn()), JSON.createObjectNode());
        String eventJson = event.toString();
        ruleTargets.forEach(target -> deliver(scope, rule, target, event, eventJson));
    }

    boolean test(EventPattern pattern, String eventJson) {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (JsonProcessingException e) {
            throw EventsErrors.validation("Parameter Event is not valid: it is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw EventsErrors.validation("Parameter Event is not valid: it must be a JSON object");
        }
        for (String field : List.of("id", "account", "source", "time", "region", "detail-type")) {
            if (!event.hasNonNull(field)) {
                throw EventsErrors.validation("Parameter Event is not valid: it lacks the field " + field
                        + " (an event has id, account, source, time, region, detail-type, resources and detail)");
            }
        }
        return pattern.matches(event);
    }

    /** Why a target cannot be accepted (a service this emulator cannot deliver to), or empty. */
    Optional<String> refusal(RuleTarget target) {
        Optional<String> service = Arns.service(target.arn());
        if (service.isEmpty()) {
            return Optional.of("Target Arn '" + target.arn() + "' is not an ARN");
        }
        if (!targets.serves(service.get())) {
            return Optional.of("Serverless Lab's emulator cannot deliver to " + service.get() + " targets ("
                    + target.arn() + ")");
        }
        if (service.get().equals("states") && target.roleArn() == null) {
            // AWS starts executions with the target's role and refuses a Step Functions target without one.
            return Optional.of("RoleArn is required for target " + target.arn() + ".");
        }
        if (service.get().equals("events") && (target.input() != null || target.inputPath() != null
                || target.inputTemplate() != null)) {
            return Optional.of("Input, InputPath and InputTransformer are not supported for event bus targets");
        }
        return Optional.empty();
    }

    private void deliver(AccountRegion scope, Rule rule, RuleTarget target, ObjectNode event, String eventJson) {
        boolean bus = Arns.service(target.arn()).map("events"::equals).orElse(false);
        String body = bus ? entryFor(event)
                : TargetInput.render(event, eventJson, target, rule, clock.instant().toEpochMilli());
        Targets.Delivery delivery = Targets.Delivery.of(target.arn(), body, PRINCIPAL, rule.arn(), scope.accountId());
        if (target.messageGroupId() != null) {
            // EventBridge uses the event id as the deduplication id for FIFO queues.
            delivery = delivery.withGroup(target.messageGroupId(), event.path("id").asText());
        }
        int depth = hops.get();
        if (bus && depth >= MAX_BUS_HOPS) {
            LOG.warn("Rule {} forwards to bus {} more than {} hops deep; dropping the event as a loop",
                    rule.arn(), target.arn(), MAX_BUS_HOPS);
            return;
        }
        hops.set(depth + 1);
        try {
            targets.deliver(delivery);
        } catch (AwsException e) {
            // As on AWS, a failed delivery does not fail PutEvents; it shows in the target's metrics, here the log.
            LOG.warn("Rule {} could not deliver to {}: {} {}", rule.arn(), target.arn(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Rule {} could not deliver to {}", rule.arn(), target.arn(), e);
        } finally {
            hops.set(depth);
        }
    }

    /** A PutEvents entry carrying the event to another bus, which then puts it as its own. */
    private static String entryFor(ObjectNode event) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("Source", event.path("source").asText());
        entry.put("DetailType", event.path("detail-type").asText());
        entry.put("Detail", event.path("detail").toString());
        entry.set("Resources", event.path("resources"));
        return entry.toString();
    }

    private ObjectNode envelope(AccountRegion scope, String id, String detailType, String source, Instant time,
            List<String> resources, JsonNode detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", scope.accountId());
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", scope.region());
        resources.forEach(event.putArray("resources")::add);
        event.set("detail", detail);
        return event;
    }

    private static Optional<JsonNode> detail(EventEntry entry) {
        try {
            JsonNode detail = JSON.readTree(entry.detail());
            return detail != null && detail.isObject() ? Optional.of(detail) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
