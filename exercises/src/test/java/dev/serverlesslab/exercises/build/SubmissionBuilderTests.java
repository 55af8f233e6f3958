package dev.serverlesslab.exercises.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionBuilderTests {

    private static final Path HELLO_LAMBDA = Path.of("..", "content", "exercises", "hello-lambda");

    private static final String API_HANDLER = """
            package example;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

            public class Api implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                @Override
                public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
                    return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("ok");
                }
            }
            """;

    private final SubmissionBuilder builder = new SubmissionBuilder();

    @TempDir
    Path work;

    @Test
    void build_helloLambdaStarter_compilesAndPackagesTheHandlerClass() throws IOException {
        Build build = builder.build(Submission.fromDirectory(HELLO_LAMBDA.resolve("starter")), work);

        assertTrue(build.success(), build.compile().diagnostics().toString());
        assertEquals(List.of("example/Hello.class"), List.copyOf(entries(build.deploymentZip()).keySet()));
    }

    @Test
    void build_helloLambdaSolution_compilesAndPackagesTheHandlerClass() throws IOException {
        Build build = builder.build(Submission.fromDirectory(HELLO_LAMBDA.resolve("solution")), work);

        assertTrue(build.success(), build.compile().diagnostics().toString());
        assertEquals(List.of("example/Hello.class"), List.copyOf(entries(build.deploymentZip()).keySet()));
    }

    @Test
    void build_withAJsonDocument_compilesTheSourcesAndLeavesTheDocumentOutOfTheZip() throws IOException {
        Map<String, String> files = new LinkedHashMap<>(Submission.fromDirectory(HELLO_LAMBDA.resolve("solution"))
                .files());
        files.put("policy.json", "{\"Version\": \"2012-10-17\", \"Statement\": []}");

        Build build = builder.build(Submission.of(files), work);

        assertTrue(build.success(), build.compile().diagnostics().toString());
        assertEquals(List.of("example/Hello.class"), List.copyOf(entries(build.deploymentZip()).keySet()));
    }

    @Test
    void build_sameSourcesTwice_givesIdenticalZips() {
        Submission solution = Submission.fromDirectory(HELLO_LAMBDA.resolve("solution"));

        byte[] first = builder.build(solution, work.resolve("first")).deploymentZip();
        byte[] second = builder.build(solution, work.resolve("second")).deploymentZip();

        assertArrayEquals(first, second);
    }

    @Test
    void build_zipEntries_carryAFixedTimestamp() throws IOException {
        Build build = builder.build(Submission.of(Map.of("example/Api.java", API_HANDLER)), work);

        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(build.deploymentZip()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0), entry.getTimeLocal(), entry.getName());
            }
        }
    }

    @Test
    void build_whenHandlerUsesEventTypes_addsTheEventsAndJodaTimeJarsUnderLib() throws IOException {
        Build build = builder.build(Submission.of(Map.of("example/Api.java", API_HANDLER)), work);

        Map<String, byte[]> entries = entries(build.deploymentZip());
        String eventsEntry = "lib/" + LambdaLibraries.eventsJar().getFileName();
        String jodaEntry = "lib/" + LambdaLibraries.jodaTimeJar().getFileName();
        assertEquals(List.of("example/Api.class", eventsEntry, jodaEntry), List.copyOf(entries.keySet()));
        assertTrue(eventsEntry.matches("lib/aws-lambda-java-events-[0-9.]+\\.jar"), eventsEntry);
        assertArrayEquals(Files.readAllBytes(LambdaLibraries.eventsJar()), entries.get(eventsEntry));
    }

    @Test
    void build_whenHandlerUsesOnlyTheCoreLibrary_addsNoJars() throws IOException {
        Build build = builder.build(Submission.fromDirectory(HELLO_LAMBDA.resolve("solution")), work);

        assertFalse(entries(build.deploymentZip()).keySet().stream().anyMatch(name -> name.startsWith("lib/")));
    }

    @Test
    void build_whenSourcesDoNotCompile_givesDiagnosticsAndNoZip() {
        Build build = builder.build(Submission.of(Map.of("example/Hello.java", "package example;\nclass Hello {")),
                work);

        assertFalse(build.success());
        assertNull(build.deploymentZip());
        assertTrue(build.compile().errors().get(0).toString().startsWith("example/Hello.java:2: error:"),
                build.compile().diagnostics().toString());
    }

    @Test
    void build_inAReusedWorkFolder_leavesOutClassesOfTheEarlierBuild() throws IOException {
        builder.build(Submission.of(Map.of("example/Old.java", "package example;\nclass Old {}\n")), work);

        Build build = builder.build(Submission.fromDirectory(HELLO_LAMBDA.resolve("solution")), work);

        assertEquals(List.of("example/Hello.class"), List.copyOf(entries(build.deploymentZip()).keySet()));
    }

    @Test
    void build_withSdkModule_compilesAHandlerUsingItsClientAndLeavesTheSdkOutOfTheZip() throws IOException {
        String handler = """
                package example;

                import software.amazon.awssdk.services.ssm.SsmClient;

                public class Config {
                    public String handleRequest(String name) {
                        try (SsmClient ssm = SsmClient.create()) {
                            return ssm.getParameter(b -> b.name(name)).parameter().value();
                        }
                    }
                }
                """;

        Build withoutSdk = builder.build(Submission.of(Map.of("example/Config.java", handler)), work);
        Build withSdk = builder.build(Submission.of(Map.of("example/Config.java", handler)),
                SdkModules.of(List.of("ssm")), work);

        assertFalse(withoutSdk.success());
        assertTrue(withSdk.success(), withSdk.compile().diagnostics().toString());
        assertEquals(List.of("example/Config.class"), List.copyOf(entries(withSdk.deploymentZip()).keySet()));
    }

    private static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void build_handlerUsingScheduledEventTime_compiles() {
        String source = """
                package example;
                import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
                public class Tick {
                    public String handleRequest(ScheduledEvent event) {
                        return event.getTime().toString();
                    }
                }
                """;
        Build build = builder.build(Submission.of(Map.of("example/Tick.java", source)), work);

        assertTrue(build.success(), () -> build.compile().diagnostics().toString());
    }
}
