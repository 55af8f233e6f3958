package dev.serverlesslab.emulator.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request's payload, read from the connection only when a service asks for it: either whole, as bytes kept for
 * every later call, or once as a stream, so that a service storing large uploads (S3 objects and parts) can move them
 * to disk without holding them in the heap.
 */
public final class RequestBody {

    private static final byte[] NONE = new byte[0];

    private byte[] bytes;
    private InputStream source;
    private boolean streamed;

    private RequestBody(byte[] bytes, InputStream source) {
        this.bytes = bytes;
        this.source = source;
    }

    /** A payload already in memory (requests built in-process, and tests). */
    public static RequestBody of(byte[] bytes) {
        return new RequestBody(bytes == null ? NONE : bytes, null);
    }

    /** A payload still on the connection, read when first asked for. */
    public static RequestBody reading(InputStream source) {
        return new RequestBody(null, source);
    }

    /** The whole payload; read (and kept) on the first call. Not available once it was taken as a stream. */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            if (streamed) {
                throw new IllegalStateException("The request body was already consumed as a stream");
            }
            try (InputStream in = source) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("The client's request body could not be read", e);
            }
            source = null;
        }
        return bytes;
    }

    /**
     * Reads and drops a payload no service read, up to {@code limit} bytes, so the connection can carry the next
     * request. Left unread, Jetty sometimes cuts a kept-alive connection after the answer, and the client's next
     * request on it fails with no response (seen here after unknown operations, which are refused before the body
     * is read). A payload over the limit is left: the connection then closes, as S3 closes one after refusing a large
     * upload. A client gone away is no one's problem here.
     */
    synchronized void discardUnread(long limit) {
        if (bytes != null || streamed) {
            return;
        }
        byte[] buffer = new byte[8192];
        long left = limit;
        try {
            int read;
            while (left > 0 && (read = source.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException e) {
            // The client went away; the connection is gone either way.
        }
    }

    /**
     * The payload as a stream, to be read once: straight from the connection when nobody asked for the bytes before,
     * so it never sits whole in memory.
     */
    public synchronized InputStream stream() {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        if (streamed) {
            throw new IllegalStateException("The request body was already consumed as a stream");
        }
        streamed = true;
        return source;
    }
}
