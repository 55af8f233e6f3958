package dev.serverlesslab.exercises.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeploymentZipTests {

    @Test
    void contains_findsBytesAnywhere_includingAtTheEnd() {
        byte[] haystack = "xxLcom/amazonaws/services/lambda/runtime/events/".getBytes(StandardCharsets.US_ASCII);

        assertTrue(DeploymentZip.contains(haystack, "runtime/events/".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void contains_whenOnlyAPrefixMatches_isFalse() {
        byte[] haystack = "com/amazonaws/services/lambda/runtime/Context".getBytes(StandardCharsets.US_ASCII);

        assertFalse(DeploymentZip.contains(haystack, "runtime/events/".getBytes(StandardCharsets.US_ASCII)));
    }
}
