package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client for the Lambda Runtime API over one kept-alive HTTP/1.1 connection, on TCP or on the Unix socket a
 * sandboxed environment reaches it through; every request carries the environment's secret.
 *
 * <p>Written on a plain socket channel rather than {@code HttpURLConnection} or {@code java.net.http}: those load a few hundred
 * classes, which shows in every cold start, and the Runtime API needs only four fixed requests.
 */
final class RuntimeApiClient implements Closeable {

    private static final String BASE = "/2018-06-01/runtime";

    private final SocketAddress address;
    private final String hostHeader;
    private final String secret;
    private SocketChannel socket;
    /** Opens the first connection while the handler loads; null once joined, or when not asked for. */
    private Thread connecting;
    private SocketChannel early;
    private InputStream in;
    private OutputStream out;

    private RuntimeApiClient(SocketAddress address, String hostHeader, String secret) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.secret = secret;
    }

    /** @param hostPort the value of {@code AWS_LAMBDA_RUNTIME_API}, e.g. {@code 127.0.0.1:9001} */
    static RuntimeApiClient overTcp(String hostPort, String secret) {
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        return new RuntimeApiClient(address, hostPort, secret);
    }

    /** A client on the Unix socket a sandboxed environment's Runtime API is bound to. */
    static RuntimeApiClient overUnixSocket(String path, String secret) {
        return new RuntimeApiClient(UnixDomainSocketAddress.of(path), "localhost", secret);
    }

    /**
     * Starts opening the connection in the background, so a cold start pays for it, and for the JDK's first use of
     * Unix sockets (which sets up its secure random generator, about 0.1 s), while the handler is being loaded.
     */
    void connectAhead() {
        Thread thread = new Thread(() -> {
            try {
                early = SocketChannel.open(address);
            } catch (IOException e) {
                // The first request opens its own connection and reports what goes wrong then.
            }
        }, "runtime-api-connect");
        thread.setDaemon(true);
        connecting = thread;
        thread.start();
    }

    /** Blocks until the emulator has an event for this environment. */
    NextInvocation next() throws IOException {
        Response response = exchange("GET", BASE + "/invocation/next", null, new byte[0]);
        if (response.status != 200) {
            throw new IOException("Runtime API refused the next invocation: HTTP " + response.status);
        }
        return new NextInvocation(
                response.header("lambda-runtime-aws-request-id"),
                parseLong(response.header("lambda-runtime-deadline-ms")),
                response.header("lambda-runtime-invoked-function-arn"),
                response.header("lambda-runtime-trace-id"),
                response.header("lambda-runtime-client-context"),
                response.body);
    }

    void respond(String requestId, byte[] payload) throws IOException {
        exchange("POST", BASE + "/invocation/" + requestId + "/response", null, payload);
    }

    void error(String requestId, String errorType, byte[] errorJson) throws IOException {
        exchange("POST", BASE + "/invocation/" + requestId + "/error", errorType, errorJson);
    }

    void initError(String errorType, byte[] errorJson) throws IOException {
        exchange("POST", BASE + "/init/error", errorType, errorJson);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    private Response exchange(String method, String path, String errorType, byte[] body) throws IOException {
        // A connection opened ahead may have idled out while the handler loaded, like a kept-alive one.
        boolean reused = socket != null || connecting != null;
        try {
            return send(method, path, errorType, body);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            // The server may have closed a kept-alive connection between requests: one fresh attempt.
            return send(method, path, errorType, body);
        }
    }

    private Response send(String method, String path, String errorType, byte[] body) throws IOException {
        if (socket == null) {
            SocketChannel opened = joinEarly();
            socket = opened != null ? opened : SocketChannel.open(address);
            if (address instanceof InetSocketAddress) {
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            // Requests and answers alternate, so the channel's streams never block each other.
            in = new BufferedInputStream(Channels.newInputStream(socket));
            out = new BufferedOutputStream(Channels.newOutputStream(socket));
        }
        StringBuilder head = new StringBuilder(200)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: serverless-lab-bootstrap\r\n")
                .append(LaunchParameters.SECRET_HEADER).append(": ").append(secret).append("\r\n");
        if (errorType != null) {
            head.append("Lambda-Runtime-Function-Error-Type: ").append(errorType).append("\r\n");
        }
        if (!"GET".equals(method)) {
            head.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        Response response = readResponse();
        if ("close".equalsIgnoreCase(response.header("connection"))) {
            close();
        }
        return response;
    }

    /** The connection opened ahead, if that was asked for and worked; a join makes its field safe to read. */
    private SocketChannel joinEarly() throws IOException {
        Thread thread = connecting;
        if (thread == null) {
            return null;
        }
        connecting = null;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while connecting to the Runtime API", e);
        }
        SocketChannel channel = early;
        early = null;
        return channel;
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("Runtime API closed the connection");
        }
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2) {
            throw new IOException("Runtime API sent a malformed status line: " + statusLine);
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked();
        } else {
            String length = headers.get("content-length");
            body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        }
        return new Response(Integer.parseInt(status[1]), headers, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new EOFException("Runtime API closed the connection mid-body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // Trailers carry nothing the runtime needs.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0L : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }
}
