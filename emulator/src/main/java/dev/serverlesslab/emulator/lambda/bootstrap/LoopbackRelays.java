package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * Inside a sandbox with its own network namespace, makes the Runtime API and the AWS endpoint answer on the
 * namespace's loopback, relayed to the Unix sockets the emulator listens on: the only two ways out, at ordinary
 * {@code host:port} values any SDK or runtime client accepts.
 */
final class LoopbackRelays {

    private LoopbackRelays() {
    }

    /** Does nothing for an environment that reaches the emulator over TCP. */
    static void start(LaunchParameters launch) throws IOException {
        if (!launch.relays()) {
            return;
        }
        relay(launch.runtimePort(), launch.runtimeSocket(), "runtime-api-relay");
        relay(launch.awsPort(), launch.awsSocket(), "aws-endpoint-relay");
    }

    private static void relay(int port, String socket, String name) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        Relay.start(server, UnixDomainSocketAddress.of(socket), name);
    }
}
