package dev.serverlesslab.emulator.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one occurrence of a schedule does: the target's input delivered as is through {@link Targets} (an EventBridge
 * bus gets a PutEvents entry with the target's Source and DetailType and the input as Detail), tried again up to
 * {@code MaximumRetryAttempts} times when the target refuses it, then sent to the dead-letter queue with the error
 * attributes AWS adds.
 */
final class ScheduleDelivery {

    /** The templated targets Scheduler offers that this emulator can reach when their service is served. */
    static final Set<String> TEMPLATED = Set.of("lambda", "sqs", "sns", "states", "events");

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Targets targets;

    ScheduleDelivery(Targets targets) {
        this.targets = targets;
    }

    /** Why this target cannot be scheduled here, or empty. */
    Optional<String> refusal(String arn) {
        Optional<String> service = Arns.service(arn);
        if (service.isEmpty()) {
            return Optional.of("Target.Arn '" + arn + "' is not an ARN");
        }
        if (service.get().equals("scheduler")) {
            return Optional.of("Universal targets (" + arn + ") are not supported by Serverless Lab's emulator; it "
                    + "serves the templated targets Lambda, SQS, SNS, Step Functions and EventBridge");
        }
        if (!TEMPLATED.contains(service.get()) || !targets.serves(service.get())) {
            return Optional.of("Serverless Lab's emulator cannot deliver to " + service.get() + " targets (" + arn
                    + ")");
        }
        return Optional.empty();
    }

    void fire(Schedule schedule, Instant at) {
        ScheduleTarget target = schedule.target();
        AwsException last = null;
        int attempts = 0;
        while (attempts <= target.maximumRetryAttempts()) {
            attempts++;
            try {
                targets.deliver(delivery(target, target.arn(), body(target), at));
                return;
            } catch (AwsException e) {
                last = e;
            }
        }
        LOG.warn("Schedule {} could not deliver to {} after {} attempts: {} {}", schedule.arn(), target.arn(),
                attempts, last.code(), last.getMessage());
        if (target.deadLetterArn() != null) {
            Map<String, Targets.MessageAttribute> attributes = new LinkedHashMap<>();
            attributes.put("ERROR_CODE", Targets.MessageAttribute.string(last.code()));
            attributes.put("ERROR_MESSAGE", Targets.MessageAttribute.string(last.getMessage()));
            attributes.put("EXHAUSTED_RETRY_CONDITION", Targets.MessageAttribute.string("MaximumRetryAttempts"));
            attributes.put("RETRY_ATTEMPTS", Targets.MessageAttribute.string(String.valueOf(attempts - 1)));
            attributes.put("TARGET_ARN", Targets.MessageAttribute.string(target.arn()));
            attributes.put("SCHEDULE_ARN", Targets.MessageAttribute.string(schedule.arn()));
            try {
                targets.deliver(delivery(target, target.deadLetterArn(), target.input() == null ? "{}"
                        : target.input(), at).withAttributes(attributes));
            } catch (AwsException e) {
                LOG.warn("Schedule {} could not reach its dead-letter queue {}: {}", schedule.arn(),
                        target.deadLetterArn(), e.getMessage());
            }
        }
    }

    private static String body(ScheduleTarget target) {
        String input = target.input() == null ? "{}" : target.input();
        if (!Arns.service(target.arn()).map("events"::equals).orElse(false)) {
            return input;
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("Source", target.source());
        entry.put("DetailType", target.detailType());
        entry.put("Detail", input);
        return entry.toString();
    }

    /**
     * Scheduler invokes with the schedule's execution role, not as a service principal, so no resource policy is
     * consulted (the principal is left out).
     */
    private static Targets.Delivery delivery(ScheduleTarget target, String arn, String body, Instant at) {
        Targets.Delivery delivery = new Targets.Delivery(arn, body, Map.of(), null, null, null, null, null,
                Arns.scope(arn).accountId());
        if (target.messageGroupId() != null && arn.equals(target.arn())) {
            delivery = delivery.withGroup(target.messageGroupId(), arn + "/" + at.toEpochMilli());
        }
        return delivery;
    }
}
