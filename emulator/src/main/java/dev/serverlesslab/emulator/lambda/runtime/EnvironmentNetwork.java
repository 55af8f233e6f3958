package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import dev.serverlesslab.emulator.lambda.bootstrap.Relay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The only ways out of a sandboxed environment's own network namespace, as on Lambda: its Runtime API and the AWS
 * endpoint, each a Unix socket in a host directory bound into the sandbox and relayed here to the real TCP endpoint.
 *
 * <p>The directory also holds the sandbox's {@code /etc/hosts} (localhost only), {@code nsswitch.conf} (files only)
 * and {@code resolv.conf} (a nameserver on the empty loopback), so a name lookup of any other host fails at once.
 */
final class EnvironmentNetwork implements AutoCloseable {

    /** Where the directory appears inside the sandbox. */
    static final Path INSIDE = Path.of("/run/serverlesslab");
    static final String RUNTIME_SOCKET = "runtime.sock";
    static final String AWS_SOCKET = "aws.sock";
    /** The port Lambda's own Runtime API listens on. */
    static final int LAMBDA_RUNTIME_PORT = 9001;
    /** What replaces the host's files of the same names in {@code /etc}. */
    static final List<String> ETC_FILES = List.of("hosts", "nsswitch.conf", "resolv.conf");

    private final Path directory;
    private final int awsPort;
    private final List<Relay> relays;

    private EnvironmentNetwork(Path directory, int awsPort, List<Relay> relays) {
        this.directory = directory;
        this.awsPort = awsPort;
        this.relays = relays;
    }

    /**
     * Listens on the two sockets in a new directory and relays them to {@code runtimeApi} and the host and port of
     * {@code endpointUrl}.
     */
    static EnvironmentNetwork open(InetSocketAddress runtimeApi, String endpointUrl) throws IOException {
        URI endpoint = URI.create(endpointUrl);
        int awsPort = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
        // Under the system temp directory, not the environment's: a Unix socket path must stay under 108 bytes.
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "serverlesslab-net-");
        List<Relay> relays = new ArrayList<>();
        try {
            // The sandbox's uid owns nothing here: it may pass through the directory and read the files, no more.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
            Files.writeString(directory.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
            Files.writeString(directory.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n");
            Files.writeString(directory.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
            for (String file : ETC_FILES) {
                Files.setPosixFilePermissions(directory.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
            }
            relays.add(listen(directory.resolve(RUNTIME_SOCKET), runtimeApi, "runtime-api-relay"));
            relays.add(listen(directory.resolve(AWS_SOCKET), new InetSocketAddress(endpoint.getHost(), awsPort),
                    "aws-endpoint-relay"));
        } catch (IOException | RuntimeException e) {
            relays.forEach(Relay::close);
            delete(directory);
            throw e;
        }
        return new EnvironmentNetwork(directory, awsPort, relays);
    }

    /** The host directory to bind at {@link #INSIDE}. */
    Path directory() {
        return directory;
    }

    /** {@code AWS_ENDPOINT_URL} inside: the emulator's own port, so URLs the emulator hands out keep working. */
    String endpointUrl() {
        return "http://127.0.0.1:" + awsPort;
    }

    /** {@code AWS_LAMBDA_RUNTIME_API} inside: Lambda's port, unless the emulator itself uses that one. */
    String runtimeApi() {
        return "127.0.0.1:" + runtimePort();
    }

    /** The launch parameters telling the bootstrap which loopback port leads to which socket. */
    LaunchParameters relayed(LaunchParameters direct) {
        return direct.relayed(INSIDE.resolve(RUNTIME_SOCKET).toString(), runtimePort(),
                INSIDE.resolve(AWS_SOCKET).toString(), awsPort);
    }

    private int runtimePort() {
        return awsPort == LAMBDA_RUNTIME_PORT ? LAMBDA_RUNTIME_PORT + 1 : LAMBDA_RUNTIME_PORT;
    }

    /** Stops relaying, cuts open connections and removes the directory; safe to call more than once. */
    @Override
    public void close() {
        relays.forEach(Relay::close);
        delete(directory);
    }

    private static Relay listen(Path socket, InetSocketAddress target, String name) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            // Connecting takes write permission on the socket, and the sandbox runs as an unprivileged uid.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return Relay.start(server, target, name);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException | UncheckedIOException e) {
            // Already gone, or removed by another close: nothing is left to clean.
        }
    }
}
