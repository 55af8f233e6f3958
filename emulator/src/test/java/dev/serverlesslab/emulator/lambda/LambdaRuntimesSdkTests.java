package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import dev.serverlesslab.jdks.Jdk;
import fixtures.EnvironmentReport;
import fixtures.OrderRecordHandler;
import fixtures.ShoutHandler;
import fixtures.ShoutSerializer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda's Java programming model as AWS runs it, through the SDK into real child JVMs: records as input and output,
 * the function's own {@link CustomPojoSerializer}, and each runtime on a JDK of its own release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaRuntimesSdkTests {

    /** Java 21's record patterns in a switch over a sealed interface: compiles only with --release 21 or later. */
    private static final String JAVA21_HANDLER = """
            package java21;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Shapes implements RequestHandler<Map<String, Object>, String> {

                sealed interface Shape permits Circle, Square {}
                record Circle(double radius) implements Shape {}
                record Square(double side) implements Shape {}

                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    double size = ((Number) event.get("size")).doubleValue();
                    Shape shape = "circle".equals(event.get("kind")) ? new Circle(size) : new Square(size);
                    String area = switch (shape) {
                        case Circle(double r) -> "circle " + Math.round(Math.PI * r * r);
                        case Square(double s) -> "square " + Math.round(s * s);
                    };
                    return area + " on Java " + Runtime.version().feature();
                }
            }
            """;

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void recordHandler_readsTheEventIntoARecordAndWritesARecordBack() throws Exception {
        running.create("records", "fixtures.OrderRecordHandler", FunctionZips.of(OrderRecordHandler.class));

        InvokeResponse response = running.invoke("records", "{\"id\": \"o-7\", \"qty\": 4}");

        assertEquals(null, response.functionError(), response.payload().asUtf8String());
        JsonNode receipt = mapper.readTree(response.payload().asUtf8String());
        assertEquals("o-7", receipt.path("orderId").asText());
        assertEquals(12, receipt.path("total").asInt());
        assertEquals("records", receipt.path("function").asText());
    }

    @Test
    void customPojoSerializer_namedInMetaInfServices_readsTheEventAndWritesTheResult() throws Exception {
        byte[] zip = FunctionZips.withFiles(Map.of("META-INF/services/" + CustomPojoSerializer.class.getName(),
                (ShoutSerializer.class.getName() + "\n").getBytes(StandardCharsets.UTF_8)),
                ShoutHandler.class, ShoutSerializer.class);
        running.create("custom-serializer", "fixtures.ShoutHandler", zip);

        InvokeResponse response = running.invoke("custom-serializer", "\"hello\"");

        assertEquals(null, response.functionError(), response.payload().asUtf8String());
        JsonNode answer = mapper.readTree(response.payload().asUtf8String());
        assertEquals("\"HELLO\"!", answer.path("shouted").asText());
        assertEquals("ShoutSerializer", answer.path("by").asText());
    }

    @Test
    void twoCustomSerializers_failInitAsTheJavaRuntimeDoes() {
        byte[] zip = FunctionZips.withFiles(Map.of("META-INF/services/" + CustomPojoSerializer.class.getName(),
                (ShoutSerializer.class.getName() + "\n" + SecondSerializer.class.getName() + "\n")
                        .getBytes(StandardCharsets.UTF_8)),
                ShoutHandler.class, ShoutSerializer.class, LambdaRuntimesSdkTests.class);
        running.create("two-serializers", "fixtures.ShoutHandler", zip);

        InvokeResponse response = running.invoke("two-serializers", "\"hello\"");

        assertEquals("Unhandled", response.functionError());
        assertTrue(response.payload().asUtf8String().contains("Too many serializers provided"),
                response.payload().asUtf8String());
    }

    @Test
    void java21Function_runsJava21ClassFilesOnAJdkOfAtLeast21_andItsLogSaysWhichJdk() throws Exception {
        Optional<Jdk> jdk = JavaRuntimes.discover().jdk("java21");
        assumeTrue(jdk.isPresent(), "no JDK 21 or newer on this machine");
        byte[] zip = compile(jdk.get(), 21, "java21/Shapes.java", JAVA21_HANDLER);
        running.lambda.createFunction(b -> b.functionName("shapes21").runtime(Runtime.JAVA21)
                .role(RunningEmulator.ROLE).handler("java21.Shapes").memorySize(256).timeout(20)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));

        InvokeResponse response = running.invoke("shapes21", "{\"kind\": \"circle\", \"size\": 10}");

        assertEquals(null, response.functionError(), response.payload().asUtf8String());
        assertEquals("\"circle 314 on Java " + jdk.get().feature() + "\"", response.payload().asUtf8String());
        String log = RunningEmulator.log(response);
        assertTrue(log.contains("INIT_START Runtime Version: java:21.jdk-" + jdk.get().version()), log);
        assertTrue(log.contains("Runtime Version ARN: arn:aws:lambda:us-east-1::runtime:jdk-" + jdk.get().version()),
                log);
        String configured = running.lambda.getFunctionConfiguration(b -> b.functionName("shapes21"))
                .runtimeVersionConfig().runtimeVersionArn();
        assertEquals(JavaRuntimes.runtimeVersionArn("us-east-1", jdk.get()), configured);
    }

    @Test
    void java17Function_withJava21ClassFiles_failsInitWithUnsupportedClassVersion() throws Exception {
        Optional<Jdk> jdk = JavaRuntimes.discover().jdk("java21");
        assumeTrue(jdk.isPresent(), "no JDK 21 or newer on this machine");
        Optional<Jdk> jdk17 = JavaRuntimes.discover().jdk("java17");
        assumeTrue(jdk17.isPresent() && jdk17.get().feature() < 21, "java17 runs on a JDK 21 or newer here");
        byte[] zip = compile(jdk.get(), 21, "java21/Shapes.java", JAVA21_HANDLER);
        running.create("shapes17", "java21.Shapes", zip);

        InvokeResponse response = running.invoke("shapes17", "{\"kind\": \"square\", \"size\": 3}");

        assertEquals("Unhandled", response.functionError());
        assertTrue(response.payload().asUtf8String().contains("UnsupportedClassVersionError"),
                response.payload().asUtf8String());
    }

    @Test
    void java25Function_runsWhereAJdk25Exists_elseCreateFunctionSaysHowToInstallOne() {
        Optional<String> missing = JavaRuntimes.discover().missing("java25");
        byte[] zip = FunctionZips.of(OrderRecordHandler.class);
        if (missing.isPresent()) {
            InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class,
                    () -> running.lambda.createFunction(b -> b.functionName("records25").runtime("java25")
                            .role(RunningEmulator.ROLE).handler("fixtures.OrderRecordHandler")
                            .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))));
            assertTrue(refused.getMessage().contains("SERVERLESSLAB_JDK_java25"), refused.getMessage());
            return;
        }
        running.lambda.createFunction(b -> b.functionName("records25").runtime("java25").role(RunningEmulator.ROLE)
                .handler("fixtures.OrderRecordHandler").timeout(20)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));

        InvokeResponse response = running.invoke("records25", "{\"id\": \"o-25\", \"qty\": 1}");

        assertEquals(null, response.functionError(), response.payload().asUtf8String());
        assertTrue(response.payload().asUtf8String().contains("\"total\":3"), response.payload().asUtf8String());
        assertTrue(RunningEmulator.log(response).contains("INIT_START Runtime Version: java:25.jdk-25"),
                RunningEmulator.log(response));
    }

    @Test
    void invokedFunctionArn_carriesTheQualifierTheCallerUsed_andEachInvocationGetsItsOwnTraceHeader()
            throws Exception {
        String arn = running.create("arns", "fixtures.EnvironmentReport::handle",
                FunctionZips.of(EnvironmentReport.class)).functionArn();
        running.lambda.publishVersion(b -> b.functionName("arns"));
        running.lambda.createAlias(b -> b.functionName("arns").name("live").functionVersion("1"));

        JsonNode unqualified = report(running.lambda.invoke(b -> b.functionName("arns")));
        JsonNode alias = report(running.lambda.invoke(b -> b.functionName("arns").qualifier("live")));
        JsonNode version = report(running.lambda.invoke(b -> b.functionName(arn + ":1")));

        assertEquals(arn, unqualified.path("invokedFunctionArn").asText());
        assertEquals(arn + ":live", alias.path("invokedFunctionArn").asText());
        assertEquals(arn + ":1", version.path("invokedFunctionArn").asText());
        String first = unqualified.path("_X_AMZN_TRACE_ID").asText();
        assertTrue(first.matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"), first);
        assertEquals(first, unqualified.path("traceProperty").asText());
        assertEquals(first, unqualified.path("xrayTraceId").asText());
        JsonNode again = report(running.lambda.invoke(b -> b.functionName("arns")));
        assertNotEquals(first, again.path("_X_AMZN_TRACE_ID").asText());
        assertEquals(again.path("traceProperty").asText(), again.path("_X_AMZN_TRACE_ID").asText());
    }

    @Test
    void confinedFunction_findsItsCodeAtVarTask_asItsWorkingDirectoryAndLambdaTaskRoot() throws Exception {
        assumeTrue(running.emulator.sandbox().confines(), "environments are not confined here");
        running.create("task-root", "fixtures.EnvironmentReport::handle", FunctionZips.of(EnvironmentReport.class));

        JsonNode report = report(running.lambda.invoke(b -> b.functionName("task-root")));

        assertEquals("/var/task", report.path("LAMBDA_TASK_ROOT").asText());
        assertEquals("/var/task", report.path("userDir").asText());
    }

    private JsonNode report(InvokeResponse response) throws IOException {
        assertEquals(null, response.functionError(), response.payload().asUtf8String());
        return mapper.readTree(response.payload().asUtf8String());
    }

    /** Compiles one source with {@code jdk}'s javac for {@code release}, against aws-lambda-java-core, into a zip. */
    private byte[] compile(Jdk jdk, int release, String path, String source)
            throws IOException, InterruptedException, URISyntaxException {
        Path sources = Files.createTempDirectory(workDir, "src");
        Path classes = Files.createTempDirectory(workDir, "classes");
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path core = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process javac = new ProcessBuilder(List.of(jdk.home().resolve("bin/javac").toString(), "--release",
                Integer.toString(release), "-proc:none", "-cp", core.toString(), "-d", classes.toString(),
                file.toString())).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac did not finish");
        assertEquals(0, javac.exitValue(), output);
        return FunctionZips.ofDirectory(classes);
    }

    /** A second provider, so the function names two. */
    public static class SecondSerializer extends ShoutSerializer {
    }
}
