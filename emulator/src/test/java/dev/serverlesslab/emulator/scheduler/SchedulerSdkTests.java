package dev.serverlesslab.emulator.scheduler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.events.EventsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * EventBridge Scheduler through the AWS SDK v2: schedules and groups are managed as on AWS, and an {@code at()}
 * schedule invokes a real Lambda function once when the emulator's clock reaches it, then deletes itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerSdkTests {

    private static final Duration DELIVERY = Duration.ofSeconds(90);

    @TempDir
    Path workDir;
    private EventsEmulator running;
    private SchedulerClient scheduler;

    @BeforeAll
    void start() {
        running = new EventsEmulator(workDir);
        scheduler = running.scheduler;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void schedules_areCreatedReadListedUpdatedAndDeleted() {
        String fn = "arn:aws:lambda:us-east-1:000000000000:function:nobody";
        String arn = scheduler.createSchedule(r -> r.name("nightly").scheduleExpression("cron(0 2 * * ? *)")
                .scheduleExpressionTimezone("Europe/Berlin").description("backup")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(fn).roleArn(running.role).input("{\"job\":\"backup\"}"))).scheduleArn();

        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly", arn);
        GetScheduleResponse got = scheduler.getSchedule(r -> r.name("nightly"));
        assertEquals("cron(0 2 * * ? *)", got.scheduleExpression());
        assertEquals("Europe/Berlin", got.scheduleExpressionTimezone());
        assertEquals(ScheduleState.ENABLED, got.state());
        assertEquals("default", got.groupName());
        assertEquals("{\"job\":\"backup\"}", got.target().input());
        assertEquals(185, got.target().retryPolicy().maximumRetryAttempts());
        assertTrue(Duration.between(got.creationDate(), Instant.now()).abs().toMinutes() < 10, got.toString());
        assertThrows(ConflictException.class, () -> scheduler.createSchedule(r -> r.name("nightly")
                .scheduleExpression("rate(1 hour)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(fn).roleArn(running.role))));

        scheduler.updateSchedule(r -> r.name("nightly").scheduleExpression("rate(2 hours)")
                .state(ScheduleState.DISABLED).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE)
                        .maximumWindowInMinutes(15)).target(t -> t.arn(fn).roleArn(running.role)));
        GetScheduleResponse updated = scheduler.getSchedule(r -> r.name("nightly").groupName("default"));
        assertEquals("rate(2 hours)", updated.scheduleExpression());
        assertEquals(ScheduleState.DISABLED, updated.state());
        assertEquals(15, updated.flexibleTimeWindow().maximumWindowInMinutes());
        List<String> listed = scheduler.listSchedules(r -> r.namePrefix("night")).schedules().stream()
                .map(ScheduleSummary::name).toList();
        assertEquals(List.of("nightly"), listed);

        scheduler.deleteSchedule(r -> r.name("nightly"));
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(r -> r.name("nightly")));
    }

    @Test
    void groups_holdSchedules_andTags() {
        String group = scheduler.createScheduleGroup(r -> r.name("reports").tags(t -> t.key("team").value("b")))
                .scheduleGroupArn();
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/reports", group);
        assertEquals("ACTIVE", scheduler.getScheduleGroup(r -> r.name("reports")).stateAsString());
        assertEquals("b", scheduler.listTagsForResource(r -> r.resourceArn(group)).tags().get(0).value());
        scheduler.createSchedule(r -> r.name("weekly").groupName("reports").scheduleExpression("rate(7 days)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:nobody").roleArn(running.role)));
        assertEquals(List.of("weekly"), scheduler.listSchedules(r -> r.groupName("reports")).schedules().stream()
                .map(ScheduleSummary::name).toList());
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(r -> r.name("weekly")));

        scheduler.deleteScheduleGroup(r -> r.name("reports"));
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getScheduleGroup(r -> r.name("reports")));
        assertThrows(ValidationException.class, () -> scheduler.deleteScheduleGroup(r -> r.name("default")));
    }

    @Test
    void invalidOrUnservedSettings_areRefusedByName() {
        ValidationException expression = assertThrows(ValidationException.class, () -> scheduler.createSchedule(
                r -> r.name("bad").scheduleExpression("rate(1 minutes)").flexibleTimeWindow(
                        w -> w.mode(FlexibleTimeWindowMode.OFF)).target(t -> t.arn("arn:aws:sqs:us-east-1:"
                        + "000000000000:q").roleArn(running.role))));
        assertTrue(expression.getMessage().contains("rate(1 minutes)"), expression.getMessage());
        ValidationException kms = assertThrows(ValidationException.class, () -> scheduler.createSchedule(r -> r
                .name("kms").scheduleExpression("rate(1 hour)").kmsKeyArn("arn:aws:kms:us-east-1:000000000000:key/k")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:f").roleArn(running.role))));
        assertTrue(kms.getMessage().contains("KmsKeyArn"), kms.getMessage());
        ValidationException universal = assertThrows(ValidationException.class, () -> scheduler.createSchedule(r -> r
                .name("universal").scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:scheduler:::aws-sdk:s3:listBuckets").roleArn(running.role))));
        assertTrue(universal.getMessage().contains("Universal targets"), universal.getMessage());
    }

    @Test
    void atSchedule_invokesTheFunctionOnce_whenTheClockReachesIt_andDeletesItself() throws Exception {
        String function = running.recorder("sched-at");
        ZoneId zone = ZoneId.of("Asia/Tokyo");
        LocalDateTime when = LocalDateTime.ofInstant(running.emulator.clock().instant().plus(Duration.ofHours(2)),
                zone).truncatedTo(ChronoUnit.SECONDS);
        scheduler.createSchedule(r -> r.name("reminder").scheduleExpression("at(" + when + ")")
                .scheduleExpressionTimezone("Asia/Tokyo").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn(function).roleArn(running.role).input("{\"remind\":\"stand up\"}")));

        running.emulator.clock().advance(Duration.ofHours(1));
        assertEquals("reminder", scheduler.getSchedule(r -> r.name("reminder")).name(), "not due yet");
        running.emulator.clock().advance(Duration.ofHours(2));

        await().atMost(DELIVERY).until(() -> !running.received("sched-at").isEmpty());
        assertEquals("stand up", new ObjectMapper().readTree(running.received("sched-at").get(0)).get("remind")
                .asText());
        await().atMost(DELIVERY).untilAsserted(() -> assertThrows(ResourceNotFoundException.class,
                () -> scheduler.getSchedule(r -> r.name("reminder"))));
        running.emulator.clock().advance(Duration.ofHours(1));
        assertEquals(1, running.received("sched-at").size());
    }
}
