package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation an awsJson or query service serves answers a request that leaves out every member AWS's model
 * requires as AWS does: a 400 in the service's own validation error naming the members missing, never a 500 or a
 * success. Which members are required comes from botocore's models, read at run time (the test is skipped, saying
 * why, when no botocore is installed); the emulator's own checked-in list must equal them, nested members included
 * (those of structures, of structures in lists and of structures that are maps' values).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequiredMembersTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** botocore's directory of each service by signing name, where the two differ. */
    private static final Map<String, String> MODEL_NAMES = Map.of("states", "stepfunctions");

    @TempDir
    Path workDir;
    private Emulator emulator;
    private Path botocoreData;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() {
        botocoreData = botocoreData().orElse(null);
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    /** One way to reach a service: SQS is checked over both its protocols. */
    private record Wire(AwsService service, Protocol protocol) {
        @Override
        public String toString() {
            return service.signingName() + " over " + protocol;
        }
    }

    Stream<Wire> wires() {
        List<Wire> wires = new ArrayList<>();
        for (AwsService service : emulator.handlers()) {
            boolean rpc = service.protocol() == Protocol.QUERY || !service.targetPrefixes().isEmpty();
            if (rpc && !service.operations().isEmpty()) {
                wires.add(new Wire(service, service.protocol()));
                if (service.signingName().equals("sqs")) {
                    wires.add(new Wire(service, Protocol.QUERY));
                }
            }
        }
        return wires.stream();
    }

    @Test
    void theServicesChecked_areTheRpcServicesWithAnOperationTable() {
        assertEquals(List.of("events", "iam", "kinesis", "kms", "logs", "sns", "sqs", "ssm", "states", "sts"),
                wires().map(w -> w.service().signingName()).distinct().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void everyOperation_refusesARequestMissingItsRequiredMembers_withTheServicesValidationError(Wire wire)
            throws Exception {
        Map<String, List<String>> model = requiredByModel(wire.service());
        List<String> failures = new ArrayList<>();
        int checked = 0;

        for (String operation : wire.service().operations()) {
            // An empty request lacks the top-level members; nested ones are checked only inside what is sent.
            List<String> required = model.getOrDefault(operation, List.of()).stream()
                    .filter(path -> !path.contains(".")).toList();
            HttpResponse<String> response = send(wire, operation);
            String body = response.body();
            if (body.contains("\tat ")) {
                failures.add(operation + " leaks a stack trace: " + body);
            }
            if (required.isEmpty()) {
                // Nothing is required: it may succeed or refuse, but never fail on the emulator's side.
                if (response.statusCode() >= 500) {
                    failures.add(operation + " (nothing required) answered " + response.statusCode() + ": " + body);
                }
                continue;
            }
            checked++;
            String code = code(wire.protocol(), body);
            String message = message(wire.protocol(), body);
            if (response.statusCode() != 400 || !expectedCode(wire).equals(code)) {
                failures.add(operation + " (requires " + required + ") answered " + response.statusCode() + " "
                        + code + ": " + message);
            } else if (!namesMissing(wire, required, message)) {
                failures.add(operation + " (requires " + required + ") did not name them: " + message);
            }
        }

        assertTrue(checked > 0, "no operation of " + wire + " requires a member");
        assertTrue(failures.isEmpty(), failures.size() + " operations of " + wire + ":\n"
                + String.join("\n", failures));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void theCheckedInList_equalsBotocoresModel_forEveryOperationServed(Wire wire) throws Exception {
        Map<String, List<String>> model = requiredByModel(wire.service());
        RequiredMembers listed = RequiredMembers.of(wire.service().signingName(), missing -> null);

        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (String operation : wire.service().operations()) {
            if (!model.getOrDefault(operation, List.of()).isEmpty()) {
                expected.put(operation, model.get(operation));
            }
            if (!listed.of(operation).isEmpty()) {
                actual.put(operation, listed.of(operation));
            }
        }

        assertEquals(expected, actual, "required/" + wire.service().signingName() + ".txt should read:\n"
                + String.join("\n", expected.entrySet().stream()
                        .map(e -> e.getKey() + " " + String.join(" ", e.getValue())).toList()));
        List<String> unserved = listed.all().keySet().stream()
                .filter(operation -> !wire.service().operations().contains(operation)).sorted().toList();
        assertEquals(List.of(), unserved, "operations the list names but the service does not serve");
    }

    private static String expectedCode(Wire wire) {
        return switch (wire.service().signingName()) {
            case "logs" -> "InvalidParameterException";
            case "iam", "sts", "sns" -> "ValidationError";
            case "sqs" -> "MissingParameter";
            default -> "ValidationException";
        };
    }

    /** Whether the message names what is missing in the service's own words. */
    private static boolean namesMissing(Wire wire, List<String> required, String message) {
        return switch (wire.service().signingName()) {
            // SQS words it its own way and, as SQS does, names only the first member missing.
            case "sqs" -> message.equals("The request must contain the parameter " + required.get(0) + ".");
            default -> {
                String count = required.size() == 1 ? "1 validation error" : required.size() + " validation errors";
                boolean all = message.startsWith(count + " detected: ");
                for (String member : required) {
                    all &= message.contains("Value null at '" + Character.toLowerCase(member.charAt(0))
                            + member.substring(1) + "' failed to satisfy constraint: Member must not be null");
                }
                yield all;
            }
        };
    }

    private HttpResponse<String> send(Wire wire, String operation) throws Exception {
        String signingName = wire.service().signingName();
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/" + signingName
                        + "/aws4_request, SignedHeaders=host, Signature=0");
        if (wire.protocol() == Protocol.QUERY) {
            String version = signingName.equals("sqs") ? "2012-11-05" : "2010-05-08";
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
                    .ofString("Action=" + URLEncoder.encode(operation, StandardCharsets.UTF_8) + "&Version="
                            + version));
        } else {
            request.header("Content-Type", wire.protocol().contentType())
                    .header("X-Amz-Target", wire.service().targetPrefixes().get(0) + "." + operation)
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(Protocol protocol, String body) throws IOException {
        if (protocol == Protocol.QUERY) {
            return xmlElement(body, "Code");
        }
        String type = JSON.readTree(body).path("__type").asText("");
        return type.substring(type.indexOf('#') + 1);
    }

    private static String message(Protocol protocol, String body) throws IOException {
        if (protocol == Protocol.QUERY) {
            return xmlElement(body, "Message");
        }
        JsonNode node = JSON.readTree(body);
        return node.has("message") ? node.get("message").asText() : node.path("Message").asText("");
    }

    private static String xmlElement(String body, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(body);
        return matcher.find() ? matcher.group(1).replace("&apos;", "'").replace("&quot;", "\"")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") : "";
    }

    /**
     * The required members of each operation's input in botocore's newest model of the service, as paths: the
     * top-level ones first, then those of each structure member in the model's order ({@code Targets[].Arn} for a
     * list's elements, {@code MessageAttributes{}.DataType} for a map's values), not descending into a shape already
     * on the path.
     */
    private Map<String, List<String>> requiredByModel(AwsService service) throws IOException {
        assumeTrue(botocoreData != null, "no botocore installed (python3 -c 'import botocore' fails and "
                + "/usr/lib/python3/dist-packages/botocore is absent); set -Dbotocore.data=<botocore>/data");
        Path serviceDir = botocoreData.resolve(MODEL_NAMES.getOrDefault(service.signingName(),
                service.signingName()));
        Path version;
        try (Stream<Path> versions = Files.list(serviceDir)) {
            version = versions.filter(Files::isDirectory).max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        JsonNode model;
        Path plain = version.resolve("service-2.json");
        try (InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
                : new GZIPInputStream(Files.newInputStream(version.resolve("service-2.json.gz")))) {
            model = JSON.readTree(in);
        }
        Map<String, List<String>> required = new LinkedHashMap<>();
        model.path("operations").fields().forEachRemaining(operation -> {
            JsonNode input = operation.getValue().path("input").path("shape");
            List<String> members = new ArrayList<>();
            if (!input.isMissingNode()) {
                requiredPaths(model.path("shapes"), input.asText(), "", List.of(input.asText()), members);
            }
            required.put(operation.getKey(), members);
        });
        return required;
    }

    private static void requiredPaths(JsonNode shapes, String structure, String prefix, List<String> onPath,
            List<String> paths) {
        JsonNode shape = shapes.path(structure);
        shape.path("required").forEach(member -> paths.add(prefix + member.asText()));
        shape.path("members").fields().forEachRemaining(member -> {
            String target = member.getValue().path("shape").asText();
            String step = member.getKey();
            if (shapes.path(target).path("type").asText().equals("list")) {
                target = shapes.path(target).path("member").path("shape").asText();
                step += "[]";
            } else if (shapes.path(target).path("type").asText().equals("map")) {
                target = shapes.path(target).path("value").path("shape").asText();
                step += "{}";
            }
            if (shapes.path(target).path("type").asText().equals("structure") && !onPath.contains(target)) {
                List<String> deeper = new ArrayList<>(onPath);
                deeper.add(target);
                requiredPaths(shapes, target, prefix + step + ".", deeper, paths);
            }
        });
    }

    /** botocore's data directory: -Dbotocore.data, the python3 on the PATH's botocore, or Debian's. */
    private static Optional<Path> botocoreData() {
        String property = System.getProperty("botocore.data");
        if (property != null) {
            return Optional.of(Path.of(property)).filter(Files::isDirectory);
        }
        try {
            Process python = new ProcessBuilder("python3", "-c",
                    "import botocore,os;print(os.path.dirname(botocore.__file__))").redirectErrorStream(true).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (python.waitFor(60, TimeUnit.SECONDS) && python.exitValue() == 0
                    && Files.isDirectory(Path.of(out, "data"))) {
                return Optional.of(Path.of(out, "data"));
            }
        } catch (IOException e) {
            // No python3: fall back to Debian's package.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(Path.of("/usr/lib/python3/dist-packages/botocore/data")).filter(Files::isDirectory);
    }
}
