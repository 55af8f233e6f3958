package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What tests of sandbox command lines need without running anything: fixed runtime settings, and per test an
 * environment's sockets (pointing nowhere) whose folder the command binds.
 */
final class CommandLineFixture implements BeforeEachCallback, AfterEachCallback {

    static final RuntimeSettings SETTINGS = new RuntimeSettings(Path.of("/jdk/bin/java"),
            List.of(Path.of("/rt/boot.jar")), Path.of("/rt"), null, "http://127.0.0.1:4566");

    private EnvironmentNetwork network;

    EnvironmentNetwork network() {
        return network;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        network = EnvironmentNetwork.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                SETTINGS.endpointUrl());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        network.close();
    }
}
