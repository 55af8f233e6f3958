package dev.serverlesslab.emulator.stepfunctions;

import static dev.serverlesslab.emulator.stepfunctions.AslHarness.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.stepfunctions.asl.Run;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ASL interpreter with fake task resources: each state type, input and output processing (InputPath,
 * Parameters, ResultSelector, ResultPath, OutputPath), the context object, Retry with back-off on the emulator
 * clock, Catch, and timeouts.
 */
class AslInterpreterTests {

    private final AslHarness asl = new AslHarness();

    @AfterEach
    void close() {
        asl.close();
    }

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("Pass Result at a ResultPath keeps the input",
                        one("{\"Type\":\"Pass\",\"Result\":{\"x\":1},\"ResultPath\":\"$.r\",\"End\":true}"),
                        "{\"a\":1}", "{\"a\":1,\"r\":{\"x\":1}}"),
                Arguments.of("Pass Parameters read the input and the context object",
                        one("{\"Type\":\"Pass\",\"Parameters\":{\"who.$\":\"$.name\",\"run.$\":\"$$.Execution.Name\","
                                + "\"state.$\":\"$$.State.Name\",\"fixed\":[1,{\"n.$\":\"$.n\"}]},\"End\":true}"),
                        "{\"name\":\"ada\",\"n\":2}",
                        "{\"who\":\"ada\",\"run\":\"e\",\"state\":\"S\",\"fixed\":[1,{\"n\":2}]}"),
                Arguments.of("InputPath narrows and OutputPath selects",
                        one("{\"Type\":\"Pass\",\"InputPath\":\"$.order\",\"ResultPath\":\"$.seen\","
                                + "\"OutputPath\":\"$.seen.items[1]\",\"End\":true}"),
                        "{\"order\":{\"items\":[\"a\",\"b\"]}}", "\"b\""),
                Arguments.of("ResultPath null discards the result",
                        one("{\"Type\":\"Pass\",\"Result\":\"x\",\"ResultPath\":null,\"End\":true}"),
                        "{\"a\":1}", "{\"a\":1}"),
                Arguments.of("Task result goes through ResultSelector",
                        one("{\"Type\":\"Task\",\"Resource\":\"fake:echo\",\"Parameters\":{\"v.$\":\"$.v\"},"
                                + "\"ResultSelector\":{\"got.$\":\"$.v\"},\"ResultPath\":\"$.task\",\"End\":true}"),
                        "{\"v\":7}", "{\"v\":7,\"task\":{\"got\":7}}"),
                Arguments.of("Choice compares numbers and strings, with And, Or, Not and paths",
                        choice("{\"And\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":5},"
                                + "{\"Not\":{\"Variable\":\"$.s\",\"StringEquals\":\"no\"}},"
                                + "{\"Or\":[{\"Variable\":\"$.missing\",\"IsPresent\":true},"
                                + "{\"Variable\":\"$.n\",\"NumericLessThanEqualsPath\":\"$.max\"}]}]}"),
                        "{\"n\":6,\"s\":\"yes\",\"max\":6}", "\"matched\""),
                Arguments.of("Choice StringMatches with wildcards",
                        choice("{\"Variable\":\"$.file\",\"StringMatches\":\"log-*.txt\"}"),
                        "{\"file\":\"log-2026.txt\"}", "\"matched\""),
                Arguments.of("Choice falls to Default when nothing matches",
                        choice("{\"Variable\":\"$.flag\",\"BooleanEquals\":true}"),
                        "{\"flag\":false}", "\"default\""),
                Arguments.of("Choice on timestamps, IsNull and IsString",
                        choice("{\"And\":[{\"Variable\":\"$.at\",\"TimestampLessThan\":\"2030-01-01T00:00:00Z\"},"
                                + "{\"Variable\":\"$.none\",\"IsNull\":true},{\"Variable\":\"$.at\",\"IsString\":true},"
                                + "{\"Variable\":\"$.at\",\"IsTimestamp\":true}]}"),
                        "{\"at\":\"2026-12-05T10:00:00Z\",\"none\":null}", "\"matched\""),
                Arguments.of("Map runs the processor per item with ItemSelector and $$.Map.Item",
                        one("{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":1,"
                                + "\"ItemSelector\":{\"i.$\":\"$$.Map.Item.Index\",\"v.$\":\"$$.Map.Item.Value\","
                                + "\"tax.$\":\"$.tax\"},\"ItemProcessor\":{\"StartAt\":\"Add\",\"States\":{\"Add\":"
                                + "{\"Type\":\"Pass\",\"Parameters\":{\"t.$\":\"States.MathAdd($.v, $.tax)\","
                                + "\"i.$\":\"$.i\"},\"End\":true}}},\"End\":true}"),
                        "{\"items\":[1,2,3],\"tax\":10}", "[{\"t\":11,\"i\":0},{\"t\":12,\"i\":1},{\"t\":13,\"i\":2}]"),
                Arguments.of("Parallel collects each branch's output in order",
                        one("{\"Type\":\"Parallel\",\"Branches\":[" + branch("\"one\"") + "," + branch("\"two\"")
                                + "],\"End\":true}"),
                        "{}", "[\"one\",\"two\"]"),
                Arguments.of("Wait with SecondsPath 0 and a past Timestamp passes straight on",
                        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Wait\",\"SecondsPath\":\"$.s\","
                                + "\"Next\":\"B\"},\"B\":{\"Type\":\"Wait\",\"Timestamp\":\"2020-01-01T00:00:00Z\","
                                + "\"End\":true}}}",
                        "{\"s\":0}", "{\"s\":0}"),
                Arguments.of("Intrinsic functions",
                        one("{\"Type\":\"Pass\",\"Parameters\":{"
                                + "\"format.$\":\"States.Format('{} has {} items, \\\\{literal\\\\}', $.name, $.n)\","
                                + "\"json.$\":\"States.StringToJson($.text)\","
                                + "\"text.$\":\"States.JsonToString($.obj)\","
                                + "\"array.$\":\"States.Array(1, 'two', $.n)\","
                                + "\"length.$\":\"States.ArrayLength($.list)\","
                                + "\"contains.$\":\"States.ArrayContains($.list, 2)\","
                                + "\"split.$\":\"States.StringSplit('a,b;c', ',;')\","
                                + "\"b64.$\":\"States.Base64Encode('hi')\","
                                + "\"plain.$\":\"States.Base64Decode('aGk=')\","
                                + "\"hash.$\":\"States.Hash('abc', 'SHA-256')\","
                                + "\"merged.$\":\"States.JsonMerge($.obj, States.StringToJson('{\\\"b\\\":3}'), false)\","
                                + "\"parts.$\":\"States.ArrayPartition($.list, 2)\","
                                + "\"range.$\":\"States.ArrayRange(1, 9, 4)\","
                                + "\"item.$\":\"States.ArrayGetItem($.list, 0)\","
                                + "\"unique.$\":\"States.ArrayUnique(States.Array(1, 1, 2))\","
                                + "\"sum.$\":\"States.MathAdd($.n, -1)\"},\"End\":true}"),
                        "{\"name\":\"cart\",\"n\":3,\"text\":\"{\\\"k\\\":[1]}\",\"obj\":{\"a\":1},\"list\":[1,2,3]}",
                        "{\"format\":\"cart has 3 items, {literal}\",\"json\":{\"k\":[1]},\"text\":\"{\\\"a\\\":1}\","
                                + "\"array\":[1,\"two\",3],\"length\":3,\"contains\":true,\"split\":[\"a\",\"b\",\"c\"],"
                                + "\"b64\":\"aGk=\",\"plain\":\"hi\",\"hash\":"
                                + "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\","
                                + "\"merged\":{\"a\":1,\"b\":3},\"parts\":[[1,2],[3]],\"range\":[1,5,9],\"item\":1,"
                                + "\"unique\":[1,2],\"sum\":2}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void program_producesItsOutput(String description, String definition, String input, String output) {
        asl.resources.put("fake:echo", node -> node);

        assertEquals(json(output), asl.run(definition, input));
    }

    @Test
    void choiceWithoutMatchOrDefault_failsWithNoChoiceMatched() {
        String definition = "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":"
                + "\"$.n\",\"NumericEquals\":1,\"Next\":\"D\"}]},\"D\":{\"Type\":\"Succeed\"}}}";

        StatesError error = assertThrows(StatesError.class, () -> asl.run(definition, "{\"n\":2}"));

        assertEquals("States.NoChoiceMatched", error.error());
    }

    @Test
    void missingInputPath_failsWithStatesRuntime_whichStatesAllDoesNotCatch() {
        String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"fake:echo\","
                + "\"InputPath\":\"$.absent\",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"F\"}],"
                + "\"End\":true},\"F\":{\"Type\":\"Pass\",\"End\":true}}}";
        asl.resources.put("fake:echo", node -> node);

        StatesError error = assertThrows(StatesError.class, () -> asl.run(definition, "{}"));

        assertEquals("States.Runtime", error.error());
    }

    @Test
    void retry_backsOffOnTheEmulatorClock_thenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        asl.resources.put("fake:flaky", node -> {
            if (calls.incrementAndGet() < 3) {
                throw new StatesError("Busy", "try later");
            }
            return json("{\"ok\":true}");
        });
        String definition = one("{\"Type\":\"Task\",\"Resource\":\"fake:flaky\",\"Retry\":[{\"ErrorEquals\":"
                + "[\"States.TaskFailed\"],\"IntervalSeconds\":600,\"BackoffRate\":2.0,\"MaxAttempts\":2}],"
                + "\"End\":true}");

        CompletableFuture<JsonNode> result = CompletableFuture.supplyAsync(() -> asl.run(definition, "{}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        assertFalse(result.isDone());
        asl.clock.advance(Duration.ofSeconds(600));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
        asl.clock.advance(Duration.ofSeconds(1200));

        assertEquals(json("{\"ok\":true}"), result.get());
        assertEquals(3, calls.get());
    }

    @Test
    void catch_putsErrorAndCauseAtItsResultPath_andGoesToItsNext() {
        asl.resources.put("fake:broken", node -> {
            throw new StatesError("java.lang.IllegalStateException", "{\"errorMessage\":\"boom\"}");
        });
        String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"fake:broken\","
                + "\"Retry\":[{\"ErrorEquals\":[\"Other\"],\"MaxAttempts\":5}],"
                + "\"Catch\":[{\"ErrorEquals\":[\"java.lang.IllegalStateException\"],\"ResultPath\":\"$.err\","
                + "\"Next\":\"F\"}],\"End\":true},\"F\":{\"Type\":\"Pass\",\"End\":true}}}";

        JsonNode output = asl.run(definition, "{\"id\":1}");

        assertEquals(json("{\"id\":1,\"err\":{\"Error\":\"java.lang.IllegalStateException\","
                + "\"Cause\":\"{\\\"errorMessage\\\":\\\"boom\\\"}\"}}"), output);
        assertTrue(asl.events.contains("TaskFailed"), asl.events.toString());
    }

    @Test
    void taskTimeoutSeconds_endsASlowTaskWithStatesTimeout_whenTheClockPassesIt() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        asl.resources.put("fake:slow", node -> {
            never.join();
            return node;
        });
        String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"fake:slow\","
                + "\"TimeoutSeconds\":30,\"Catch\":[{\"ErrorEquals\":[\"States.Timeout\"],\"Next\":\"F\"}],"
                + "\"End\":true},\"F\":{\"Type\":\"Pass\",\"End\":true}}}";

        CompletableFuture<JsonNode> result = CompletableFuture.supplyAsync(() -> asl.run(definition, "{}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> asl.events.contains("TaskStarted"));
        asl.clock.advance(Duration.ofSeconds(31));

        assertEquals("States.Timeout", result.get().path("Error").asText());
        assertTrue(asl.events.contains("TaskTimedOut"), asl.events.toString());
        never.complete(null);
    }

    @Test
    void machineTimeoutSeconds_stopsTheRunAsTimedOut() {
        String definition = "{\"TimeoutSeconds\":5,\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
                + "\"Seconds\":60,\"End\":true}}}";
        Run run = asl.newRun(asl.clock.instant().plusSeconds(5));

        CompletableFuture<JsonNode> result = CompletableFuture.supplyAsync(() -> asl.run(definition, "{}", null,
                run));
        await().atMost(Duration.ofSeconds(10)).until(() -> asl.events.contains("WaitStateEntered"));
        asl.clock.advance(Duration.ofSeconds(6));

        Run.Stopped stopped = (Run.Stopped) assertThrows(Exception.class, result::join).getCause();
        assertTrue(stopped.timedOut());
    }

    @Test
    void parallelBranchFailure_failsTheStateWithTheBranchError() {
        String definition = one("{\"Type\":\"Parallel\",\"Branches\":[" + branch("1") + ",{\"StartAt\":\"F\","
                + "\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Broken\",\"Cause\":\"branch two\"}}}],"
                + "\"End\":true}");

        StatesError error = assertThrows(StatesError.class, () -> asl.run(definition, "{}"));

        assertEquals("Broken", error.error());
        assertTrue(asl.events.contains("ParallelStateFailed"), asl.events.toString());
    }

    @Test
    void events_followAwsNamesForEachStateType() {
        asl.resources.put("fake:echo", node -> node);
        String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"T\"},"
                + "\"T\":{\"Type\":\"Task\",\"Resource\":\"fake:echo\",\"Next\":\"M\"},"
                + "\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"Iterator\":" + branch("0") + ",\"End\":true}}}";

        asl.run(definition, "{\"items\":[1]}");

        assertEquals(List.of("PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSucceeded", "TaskStateExited", "MapStateEntered", "MapStateStarted",
                "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                "MapStateSucceeded", "MapStateExited"), asl.events);
    }

    /** A machine of one state named S. */
    private static String one(String state) {
        return "{\"StartAt\":\"S\",\"States\":{\"S\":" + state + "}}";
    }

    /** A Choice on {@code rule} leading to "matched", else "default". */
    private static String choice(String rule) {
        String withNext = rule.substring(0, rule.length() - 1) + ",\"Next\":\"Yes\"}";
        return "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[" + withNext + "],"
                + "\"Default\":\"No\"},\"Yes\":{\"Type\":\"Pass\",\"Result\":\"matched\",\"End\":true},"
                + "\"No\":{\"Type\":\"Pass\",\"Result\":\"default\",\"End\":true}}}";
    }

    /** A branch that answers {@code result}. */
    private static String branch(String result) {
        return "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"Result\":" + result + ",\"End\":true}}}";
    }
}
