package dev.serverlesslab.exercises.build.worker;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The framing between the grading JVM and a compile worker, on the worker's stdin and stdout: counts and lengths as
 * big-endian ints ({@link DataOutputStream}), text as UTF-8 bytes after their length. {@code writeUTF} is not used
 * because it stops at 64 KB and a source file may be larger.
 */
final class WireFormat {

    /** Frames start with this, so a worker that printed something of its own is noticed instead of misread. */
    private static final int REQUEST = 0x4A415643;
    private static final int REPLY = 0x5245504C;
    /** Sent once by a worker whose JVM and compiler are loaded, so a worker that cannot start is told apart. */
    private static final int READY = 0x52454459;
    /** Far above anything legitimate (a source is at most 256 KB); guards against allocating from a garbled length. */
    private static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;
    private static final int MAX_ITEMS = 100_000;

    private WireFormat() {
    }

    static void writeReady(DataOutputStream out) throws IOException {
        out.writeInt(READY);
        out.flush();
    }

    static void readReady(DataInputStream in) throws IOException {
        expect(in, READY);
    }

    static void writeRequest(DataOutputStream out, CompileRequest request) throws IOException {
        out.writeInt(REQUEST);
        out.writeInt(request.sources().size());
        for (var source : request.sources().entrySet()) {
            writeText(out, source.getKey());
            writeText(out, source.getValue());
        }
        out.writeInt(request.classpath().size());
        for (Path entry : request.classpath()) {
            writeText(out, entry.toString());
        }
        writeText(out, request.classesDir().toString());
        out.writeInt(request.release());
        out.flush();
    }

    static CompileRequest readRequest(DataInputStream in) throws IOException {
        expect(in, REQUEST);
        int count = count(in);
        SortedMap<String, String> sources = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            sources.put(readText(in), readText(in));
        }
        int entries = count(in);
        List<Path> classpath = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            classpath.add(Path.of(readText(in)));
        }
        Path classesDir = Path.of(readText(in));
        return new CompileRequest(sources, List.copyOf(classpath), classesDir, in.readInt());
    }

    static void writeReply(DataOutputStream out, WorkerReply reply) throws IOException {
        out.writeInt(REPLY);
        out.writeBoolean(reply.success());
        out.writeInt(reply.diagnostics().size());
        for (SourceDiagnostic diagnostic : reply.diagnostics()) {
            writeText(out, diagnostic.file());
            out.writeLong(diagnostic.line());
            out.writeLong(diagnostic.column());
            writeText(out, diagnostic.kind());
            writeText(out, diagnostic.message());
        }
        out.writeBoolean(reply.retire());
        out.flush();
    }

    static WorkerReply readReply(DataInputStream in) throws IOException {
        expect(in, REPLY);
        boolean success = in.readBoolean();
        int count = count(in);
        List<SourceDiagnostic> diagnostics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            diagnostics.add(new SourceDiagnostic(readText(in), in.readLong(), in.readLong(), readText(in),
                    readText(in)));
        }
        return new WorkerReply(success, diagnostics, in.readBoolean());
    }

    private static void expect(DataInputStream in, int marker) throws IOException {
        int actual = in.readInt();
        if (actual != marker) {
            throw new IOException("garbled frame from the other side of the compile worker pipe (starts with 0x"
                    + Integer.toHexString(actual) + ")");
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ITEMS) {
            throw new IOException("garbled frame: " + count + " items");
        }
        return count;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT_BYTES) {
            throw new IOException("garbled frame: a text of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
