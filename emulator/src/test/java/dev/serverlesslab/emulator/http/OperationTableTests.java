package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checked-in operation tables are AWS's models: each one equals what botocore's {@code service-2.json} declares
 * (Debian's {@code python3-botocore}; regenerate with {@code emulator/scripts/rest-operations.py}).
 */
class OperationTableTests {

    private static final Path BOTOCORE = Path.of("/usr/lib/python3/dist-packages/botocore/data");

    @ParameterizedTest
    @ValueSource(strings = {"lambda", "apigateway", "apigatewayv2", "s3", "scheduler"})
    void table_matchesTheInstalledServiceModel(String service) throws IOException {
        Path directory = BOTOCORE.resolve(service);
        assumeTrue(Files.isDirectory(directory), "botocore's models are not installed at " + BOTOCORE
                + " (apt-get install python3-botocore); the table cannot be compared with them");
        Path model;
        try (Stream<Path> versions = Files.list(directory)) {
            model = versions.map(version -> version.resolve("service-2.json")).filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder()).orElseThrow();
        }
        JsonNode operations = new ObjectMapper().readTree(model.toFile()).get("operations");
        Set<String> expected = new TreeSet<>();
        operations.fields().forEachRemaining(entry -> expected.add(entry.getValue().get("http").get("method")
                .asText() + " " + entry.getValue().get("http").get("requestUri").asText() + " " + entry.getKey()));

        Set<String> table = new TreeSet<>();
        List<RestOperation> checkedIn = OperationRouter.forService(service).operations();
        checkedIn.forEach(op -> table.add(op.method() + " " + op.requestUri() + " " + op.name()));

        assertEquals(expected, table, "operations/" + service + ".txt differs from " + model
                + "; regenerate it with emulator/scripts/rest-operations.py");
        assertEquals(expected.size(), checkedIn.size(), "an operation is listed twice in operations/" + service);
    }
}
