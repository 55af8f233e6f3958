package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchParametersTests {

    @Test
    void relayedParameters_readBackAsWritten() throws IOException {
        LaunchParameters written = LaunchParameters.direct("tok", "sec")
                .relayed("/run/x/runtime.sock", 9001, "/run/x/aws.sock", 4566);

        LaunchParameters read = LaunchParameters.read(new ByteArrayInputStream(written.encode()));

        assertEquals(written, read);
        assertTrue(read.relays());
    }

    @Test
    void directParameters_haveNoRelays() throws IOException {
        LaunchParameters read = LaunchParameters.read(new ByteArrayInputStream(
                LaunchParameters.direct("tok", "sec").encode()));

        assertEquals("tok", read.token());
        assertEquals("sec", read.runtimeSecret());
        assertFalse(read.relays());
    }

    @Test
    void toString_neverShowsTheSecrets() {
        String text = LaunchParameters.direct("the-token", "the-secret").toString();

        assertFalse(text.contains("the-token") || text.contains("the-secret"), text);
    }

    @Test
    void aPrewarmedEnvironmentsFunction_followsItsParametersOnTheSameStream() throws IOException {
        LaunchParameters written = LaunchParameters.direct("tok", "sec")
                .relayed("/run/x/runtime.sock", 9001, "/run/x/aws.sock", 4566).withFunctionLater();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_LAMBDA_FUNCTION_NAME", "orders");
        variables.put("MULTI_LINE", "a=b\nend\nc:d é");
        variables.put("EMPTY", "");
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        stdin.write(written.encode());
        stdin.write(LaunchParameters.encodeEnvironment(variables));
        InputStream in = new ByteArrayInputStream(stdin.toByteArray());

        LaunchParameters read = LaunchParameters.read(in);
        Optional<Map<String, String>> function = LaunchParameters.readEnvironment(in);

        assertEquals(written, read);
        assertTrue(read.functionLater());
        assertEquals(Optional.of(variables), function);
    }

    @Test
    void stdinEndingBeforeTheFunction_readsAsNoFunction() throws IOException {
        InputStream in = new ByteArrayInputStream(LaunchParameters.direct("tok", "sec").withFunctionLater().encode());

        LaunchParameters.read(in);

        assertEquals(Optional.empty(), LaunchParameters.readEnvironment(in));
    }
}
