package dev.serverlesslab.server.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The page benchmark's HTTP client: C keep-alive connections, each sending one GET after another for a fixed time and
 * reading each response to its end, counting the answers with the expected status. It is deliberately small (plain
 * sockets, HTTP/1.1, Content-Length or chunked bodies, nothing kept): on a two-core machine the client shares the CPU
 * with the server it measures, and the same client measures the web app and nginx, so what it costs weighs on both.
 */
final class PageLoad {

    /** What one measurement counted. */
    record Result(long expected, long other, long bodyBytes, double seconds) {

        double perSecond() {
            return seconds <= 0 ? 0 : expected / seconds;
        }
    }

    private final int port;
    private final byte[] request;

    /**
     * @param headers extra request header lines ("Name: value"), e.g. the session cookie or {@code If-None-Match}
     */
    PageLoad(int port, String path, List<String> headers) {
        this.port = port;
        StringBuilder text = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Accept: text/html\r\n");
        headers.forEach(header -> text.append(header).append("\r\n"));
        this.request = text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One request on a connection of its own: the status, headers and body, for the bench to look at first. */
    Response once() {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request);
            return read(new BufferedInputStream(socket.getInputStream()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("GET on port " + port + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends requests on {@code connections} connections for {@code duration}, counting answers of {@code status}. */
    Result run(int connections, Duration duration, int status) {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<long[]>> counts = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                counts.add(threads.submit(() -> loop(end, status)));
            }
            long expected = 0;
            long other = 0;
            long bytes = 0;
            for (Future<long[]> count : counts) {
                long[] c = count.get();
                expected += c[0];
                other += c[1];
                bytes += c[2];
            }
            return new Result(expected, other, bytes, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a connection to port " + port + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** {expected, other, body bytes} of one connection until {@code end}; reconnects when the server closes. */
    private long[] loop(long end, int status) throws IOException {
        long[] counts = new long[3];
        while (System.nanoTime() < end) {
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                boolean open = true;
                while (open && System.nanoTime() < end) {
                    out.write(request);
                    Response response = read(in, false);
                    counts[response.status() == status ? 0 : 1]++;
                    counts[2] += response.bodyLength();
                    open = response.keepAlive();
                }
            }
        }
        return counts;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    /**
     * An HTTP/1.1 response as far as this client needs it.
     *
     * @param headers the header lines, lower-cased names, for the first look only (empty in the loop)
     * @param body    the body, kept only for the first look
     */
    record Response(int status, List<String> headers, long bodyLength, boolean keepAlive, byte[] body) {

        /** The first value of a header, by its name in any case. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    static Response read(InputStream in, boolean keep) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = parts[0].equals("HTTP/1.1");
        List<String> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            if (keep) {
                headers.add(line);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> keepAlive = !value.contains("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = keep ? new ByteArrayOutputStream() : null;
        long read;
        if (status == 304 || status == 204 || status / 100 == 1) {
            read = 0;
        } else if (chunked) {
            read = 0;
            for (long size = Long.parseLong(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Long.parseLong(line(in).split(";")[0].strip(), 16)) {
                read += copy(in, size, body);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers, if any
            }
        } else if (length >= 0) {
            read = copy(in, length, body);
        } else {
            throw new IOException("a response of status " + status + " without Content-Length or chunked body");
        }
        return new Response(status, List.copyOf(headers), read, keepAlive,
                body == null ? new byte[0] : body.toByteArray());
    }

    private static long copy(InputStream in, long length, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the server closed the connection in the middle of a body");
            }
            if (body != null) {
                body.write(buffer, 0, n);
            }
            left -= n;
        }
        return length;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
