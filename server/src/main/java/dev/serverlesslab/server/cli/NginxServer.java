package dev.serverlesslab.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving one file, as the page benchmark's yardstick: started from a generated configuration in a temporary
 * prefix on a free port of 127.0.0.1 (no daemon, no access log, keep-alive as the client uses it), stopped on close.
 * Nothing of the machine's own nginx configuration is read, so an installed but unconfigured nginx is enough.
 */
final class NginxServer implements AutoCloseable {

    /** Where nginx is found besides PATH: Debian installs it in /usr/sbin, which a non-root PATH often lacks. */
    private static final List<String> USUAL_PLACES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx",
            "/usr/local/nginx/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path prefix;

    private NginxServer(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    /** The nginx binary on PATH or in its usual places, if one is installed. */
    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "nginx"));
            }
        }
        USUAL_PLACES.forEach(place -> candidates.add(Path.of(place)));
        return candidates.stream().filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }

    /**
     * The configuration for serving {@code root}'s files on {@code port}: the figures the page benchmark compares
     * should come from nginx as a person would run it for static files, so only logging is off.
     */
    static String configuration(Path prefix, Path root, int port) {
        return """
                daemon off;
                master_process on;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 1024;
                }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_timeout 65;
                    keepalive_requests 1000000;
                    default_type text/html;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(prefix, port, root);
    }

    /** Starts nginx serving {@code root} and waits until its port answers. */
    static NginxServer start(Path binary, Path root) {
        Path prefix;
        int port;
        try {
            prefix = Files.createTempDirectory("lab-bench-nginx");
            // Run as root, nginx's workers are nobody: the files they serve must be readable by others.
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
            port = freePort();
            Files.writeString(prefix.resolve("nginx.conf"), configuration(prefix, root, port), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write nginx's configuration: " + e.getMessage(), e);
        }
        Process process;
        try {
            process = new ProcessBuilder(binary.toString(), "-p", prefix.toString(), "-c",
                    prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("output.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        NginxServer server = new NginxServer(process, port, prefix);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.answers()) {
            if (!process.isAlive() || System.nanoTime() > giveUp) {
                String log = server.log();
                server.close();
                throw new IllegalStateException("nginx did not start: " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IllegalStateException("interrupted while nginx started", e);
            }
        }
        return server;
    }

    int port() {
        return port;
    }

    /** nginx's master process; its workers are its descendants. */
    ProcessHandle process() {
        return process.toHandle();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("output.log", "error.log")) {
            try {
                Path file = prefix.resolve(name);
                if (Files.exists(file)) {
                    text.append(Files.readString(file, StandardCharsets.UTF_8).strip()).append(' ');
                }
            } catch (IOException e) {
                // only for the message
            }
        }
        return text.isEmpty() ? "(nothing logged)" : text.toString().strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM (nginx's fast shutdown) to the master, which stops its workers; then the prefix is deleted. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        BenchCommand.deleteQuietly(prefix);
    }
}
