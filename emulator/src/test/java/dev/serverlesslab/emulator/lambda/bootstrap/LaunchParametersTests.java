package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
}
