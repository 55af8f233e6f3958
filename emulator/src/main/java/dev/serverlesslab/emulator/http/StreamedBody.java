package dev.serverlesslab.emulator.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response payload the edge copies to the connection instead of holding it as one array (S3 object bodies read
 * from their files). It is always closed once the response is written or dropped, releasing what it holds open.
 */
public interface StreamedBody extends AutoCloseable {

    /** The number of bytes {@link #writeTo} writes, sent as {@code Content-Length}. */
    long length();

    /** Writes the payload; called at most once. */
    void writeTo(OutputStream out) throws IOException;

    @Override
    void close();
}
