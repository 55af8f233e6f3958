package dev.serverlesslab.emulator.lambda.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.ChildProcesses;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.HostileLimits;
import fixtures.SpinningInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Hostile handlers against the limits of their execution environment, through the Lambda API as a grading drives
 * it: each is contained (the verdict Lambda would give, bounded by the function's own timeout, nothing of the
 * environment left running, its cgroup gone).
 */
class LimitsContainmentTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final Duration GONE = Duration.ofSeconds(20);

    @TempDir
    Path workDir;
    private Emulator emulator;
    private LambdaClient lambda;

    @BeforeEach
    void start() {
        assumeTrue(SANDBOX.confines(), "learner code is not confined here, so there are no limits to "
                + "test: " + SANDBOX.description());
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir).withSandbox(SANDBOX));
        ExecutionRole.create(emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), "lambda-role");
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(90)))
                .build();
    }

    @AfterEach
    void stop() {
        if (lambda != null) {
            lambda.close();
            emulator.close();
        }
    }

    @Test
    void handler_cannotCreateUserNamespaces_norMount_andHoldsNoCapabilities() throws IOException {
        create("userns", 256, 512);

        for (List<String> command : List.of(List.of("/usr/bin/unshare", "-U", "true"),
                List.of("/usr/bin/unshare", "-r", "true"),
                List.of("/usr/bin/unshare", "-rm", "/usr/bin/mount", "-t", "tmpfs", "none", "/tmp"),
                List.of("/usr/bin/mount", "-t", "tmpfs", "none", "/tmp"))) {
            JsonNode report = invokeOk("userns", Map.of("action", "run", "command", command));
            assertNotEquals(0, report.get("exit").asInt(), command + " succeeded: " + report.get("output"));
        }
        JsonNode report = invokeOk("userns", Map.of("action", "report"));
        for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
            assertEquals("0000000000000000", report.get(set).asText(), set);
        }
        assertEquals("1", report.get("NoNewPrivs").asText());
        assertEquals("2", report.get("Seccomp").asText(), "no seccomp filter in force");
    }

    @Test
    void nativeMemoryPastTheFunctionsSize_endsWithRuntimeOutOfMemory_andTheEnvironmentIsGone() throws IOException {
        create("hog", 256, 512);
        Path cgroup = cgroupOf(invokeOk("hog", Map.of("action", "report")));
        List<Long> pids = pids(cgroup);

        InvokeResponse response = invoke("hog", Map.of("action", "native", "mb", 1536));

        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertEquals("Runtime.OutOfMemory", error.get("errorType").asText(), error.toString());
        assertTrue(error.get("errorMessage").asText().matches(
                "RequestId: \\S+ Error: Runtime exited with error: signal: killed"), error.toString());
        assertTrue(log(response).contains("\nRuntime.OutOfMemory"), log(response));
        await().atMost(GONE).until(() -> !Files.exists(cgroup) && pids.stream().noneMatch(LimitsContainmentTests::alive));
    }

    @Test
    void forkAndThreadBomb_inOneEnvironment_doesNotStopAnotherFromStarting_andLeavesNothingWhenItEnds()
            throws IOException {
        create("bomb", 512, 512);
        create("bystander", 256, 512);

        JsonNode bomb = invokeOk("bomb", Map.of("action", "bomb", "processes", 300));
        Path cgroup = cgroupOf(bomb);
        List<Long> pids = pids(cgroup);

        assertTrue(bomb.get("threads").asInt() < 1024, "threads: " + bomb.get("threads"));
        assertTrue(pids.size() > 100, "the bomb's processes are not in its cgroup: " + pids.size());
        invokeOk("bystander", Map.of("action", "report"));
        lambda.deleteFunction(b -> b.functionName("bomb"));
        await().atMost(GONE).until(() -> !Files.exists(cgroup) && pids.stream().noneMatch(LimitsContainmentTests::alive));
    }

    @Test
    void spinningCode_meetsACpuTimeCeiling_evenShouldTheTimeoutKillNeverCome() throws IOException {
        create("spinner", 256, 512);

        JsonNode limits = invokeOk("spinner", Map.of("action", "report")).get("limits");

        // One CPU (256 MB) for the 10 s init limit plus ten invocations of the 60 s timeout; SIGKILL 5 s later.
        String cpu = "";
        for (JsonNode line : limits) {
            cpu = line.asText().startsWith("Max cpu time") ? line.asText() : cpu;
        }
        assertTrue(cpu.matches("Max cpu time\\s+610\\s+615\\s+seconds\\s*"), limits.toString());
    }

    @Test
    void spinningStaticInitializer_inAnEnvironmentNobodyInvokes_endsAtTheInitLimit() {
        lambda.createFunction(b -> b.functionName("spin-init").runtime(Runtime.JAVA17).role(ROLE)
                .handler("fixtures.SpinningInit::handle").memorySize(256).timeout(60)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(SpinningInit.class)))));

        // CreateFunction pre-warms an environment; its init spins from the start.
        await().atMost(GONE).until(() -> !ChildProcesses.of(workDir, "spin-init").isEmpty());
        await().atMost(GONE).until(() -> ChildProcesses.of(workDir, "spin-init").isEmpty());
    }

    @Test
    void maxMemoryUsed_inTheReport_risesWithWhatTheHandlerAllocated() throws IOException {
        create("measured", 1024, 512);

        long before = maxMemoryUsed(invoke("measured", Map.of("action", "nativeThenFree", "mb", 8)));
        long after = maxMemoryUsed(invoke("measured", Map.of("action", "nativeThenFree", "mb", 400)));

        assertTrue(after >= before + 350, "Max Memory Used went from " + before + " MB to " + after + " MB");
        assertTrue(after <= 1024, "more than the function's memory: " + after);
    }

    @Test
    void tmp_isAsLargeAsTheFunctionsEphemeralStorage_withinLambdasRange() throws IOException {
        create("storage", 256, 1024);

        assertEquals(1024L << 20, invokeOk("storage", Map.of("action", "report")).get("tmpBytes").asLong());
        assertEquals(1024, lambda.getFunctionConfiguration(b -> b.functionName("storage")).ephemeralStorage().size());
        LambdaException tooSmall = assertThrows(LambdaException.class, () -> create("tiny", 256, 100));
        assertEquals("ValidationException", tooSmall.awsErrorDetails().errorCode());
    }

    private void create(String name, int memoryMb, int ephemeralStorageMb) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(ROLE)
                .handler("fixtures.HostileLimits::handle").memorySize(memoryMb).timeout(60)
                .ephemeralStorage(e -> e.size(ephemeralStorageMb))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(HostileLimits.class)))));
    }

    private InvokeResponse invoke(String name, Map<String, Object> event) throws IOException {
        byte[] payload = JSON.writeValueAsBytes(event);
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromByteArray(payload)).logType(LogType.TAIL));
    }

    private JsonNode invokeOk(String name, Map<String, Object> event) throws IOException {
        InvokeResponse response = invoke(name, event);
        assertNull(response.functionError(), response.payload().asUtf8String() + "\n" + log(response));
        return JSON.readTree(response.payload().asUtf8String());
    }

    private static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    private static long maxMemoryUsed(InvokeResponse response) {
        Matcher matcher = Pattern.compile("Max Memory Used: (\\d+) MB").matcher(log(response));
        assertTrue(matcher.find(), log(response));
        return Long.parseLong(matcher.group(1));
    }

    /** The environment's memory cgroup on the host, from what the handler read in its own /proc/self/cgroup. */
    private static Path cgroupOf(JsonNode report) {
        String cgroup = report.get("cgroup").asText();
        assumeTrue(cgroup.contains("/serverless-lab/env-"), "environments get no cgroup here: " + cgroup + "; "
                + SANDBOX.description());
        Path host = cgroup.startsWith("memory:") ? Path.of("/sys/fs/cgroup/memory" + cgroup.substring(7))
                : Path.of("/sys/fs/cgroup" + cgroup.substring("unified:".length()));
        assertTrue(Files.isDirectory(host), "no " + host);
        return host;
    }

    private static List<Long> pids(Path cgroup) throws IOException {
        return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank())
                .map(line -> Long.parseLong(line.trim())).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
