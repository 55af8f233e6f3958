package dev.serverlesslab.emulator.scheduler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Scheduler delivers to SQS, EventBridge and dead-letter queues, seen through a recording {@link Targets}: the
 * input as is, the FIFO group, the PutEvents entry for a bus, retries then the DLQ with AWS's error attributes, and
 * StartDate/EndDate bounds.
 */
class SchedulerDeliveryTests {

    private static final AccountRegion SCOPE = new AccountRegion("111122223333", "eu-west-1");
    private static final String QUEUE = "arn:aws:sqs:eu-west-1:111122223333:jobs";
    private static final String DLQ = "arn:aws:sqs:eu-west-1:111122223333:dlq";
    private static final String BUS = "arn:aws:events:eu-west-1:111122223333:event-bus/default";
    private static final String ROLE = "arn:aws:iam::111122223333:role/scheduler";

    private final List<Targets.Delivery> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger busAttempts = new AtomicInteger();
    private final EmulatorClock clock = new EmulatorClock();
    private final Timetable timetable = new Timetable(clock);
    private final SchedulerBackend backend = backend();

    private SchedulerBackend backend() {
        Targets targets = new Targets();
        targets.register("sqs", delivered::add);
        targets.register("events", delivery -> {
            busAttempts.incrementAndGet();
            if (delivery.body().contains("fail")) {
                throw new AwsException("ResourceNotFoundException", "Event bus missing does not exist.", 400);
            }
            delivered.add(delivery);
        });
        return new SchedulerBackend(targets, clock, timetable);
    }

    @AfterEach
    void stop() {
        timetable.close();
    }

    @Test
    void rateSchedule_sendsItsInputAsIs_withTheFifoGroup_everyPeriod() {
        create("jobs", "rate(10 minutes)", null, null,
                new ScheduleTarget(QUEUE + ".fifo", ROLE, "{\"job\":1}", 86_400, 0, null, "g1", null, null));

        clock.advance(Duration.ofMinutes(30));

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 3);
        assertEquals(3, delivered.size());
        assertEquals("{\"job\":1}", delivered.get(0).body());
        assertEquals("g1", delivered.get(0).groupId());
        assertNull(delivered.get(0).principal(), "Scheduler acts with its role, not as a service principal");
    }

    @Test
    void eventBridgeTarget_getsAPutEventsEntry_withTheInputAsDetail() throws Exception {
        create("to-bus", "rate(1 hour)", null, null,
                new ScheduleTarget(BUS, ROLE, "{\"k\":\"v\"}", 86_400, 0, null, null, "Tick", "my.scheduler"));

        clock.advance(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> !delivered.isEmpty());
        JsonNode entry = new ObjectMapper().readTree(delivered.get(0).body());
        assertEquals("my.scheduler", entry.get("Source").asText());
        assertEquals("Tick", entry.get("DetailType").asText());
        assertEquals("{\"k\":\"v\"}", entry.get("Detail").asText());
    }

    @Test
    void failingTarget_isRetried_thenTheInputGoesToTheDeadLetterQueue() {
        create("failing", "rate(1 hour)", null, null,
                new ScheduleTarget(BUS, ROLE, "{\"fail\":true}", 86_400, 2, DLQ, null, "Tick", "my.scheduler"));

        clock.advance(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> !delivered.isEmpty());
        assertEquals(3, busAttempts.get(), "the first attempt and two retries");
        Targets.Delivery dead = delivered.get(0);
        assertEquals(DLQ, dead.targetArn());
        assertEquals("{\"fail\":true}", dead.body());
        assertEquals("ResourceNotFoundException", dead.attributes().get("ERROR_CODE").stringValue());
        assertEquals(BUS, dead.attributes().get("TARGET_ARN").stringValue());
    }

    @Test
    void occurrencesOutsideStartAndEndDate_areSkipped() {
        Instant now = clock.instant();
        create("bounded", "rate(1 hour)", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(4)),
                new ScheduleTarget(QUEUE, ROLE, "{}", 86_400, 0, null, null, null, null));

        clock.advance(Duration.ofHours(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 2);
        assertEquals(2, delivered.size(), "at start + 1 h and start + 2 h = the end date");
    }

    @Test
    void targetOfAServiceNotServed_isRefused() {
        AwsException error = assertThrows(AwsException.class, () -> create("ecs", "rate(1 hour)", null, null,
                new ScheduleTarget("arn:aws:ecs:eu-west-1:111122223333:cluster/c", ROLE, null, 86_400, 0, null,
                        null, null, null)));
        assertEquals("ValidationException", error.code());
    }

    private void create(String name, String expression, Instant start, Instant end, ScheduleTarget target) {
        backend.putSchedule(SCOPE, new Schedule(name, null, null, expression, null, start, end, null, null, "OFF",
                null, target, null, null, null), false);
    }
}
