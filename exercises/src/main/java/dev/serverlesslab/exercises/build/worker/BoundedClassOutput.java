package dev.serverlesslab.exercises.build.worker;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Lets javac write class files only up to a total size. Constant folding turns a line of source into a 64 KB string
 * constant, so a 256 KB source can produce gigabytes of class files, which would fill the disk and then the grading
 * JVM's heap when it zips them; past the budget javac reports "error while writing ..." with the reason below.
 */
final class BoundedClassOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {

    private final long budget;
    private long written;

    BoundedClassOutput(StandardJavaFileManager files, long budget) {
        super(files);
        this.budget = budget;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                               FileObject sibling) throws IOException {
        return new ForwardingJavaFileObject<>(super.getJavaFileForOutput(location, className, kind, sibling)) {
            @Override
            public OutputStream openOutputStream() throws IOException {
                return new Counting(super.openOutputStream());
            }
        };
    }

    private synchronized void reserve(long bytes) throws IOException {
        if (written + bytes > budget) {
            written = budget;
            throw new IOException(CompilerLimits.tooMuchOutput(budget));
        }
        written += bytes;
    }

    /** Counts before writing, so the disk never holds more than the budget. */
    private final class Counting extends FilterOutputStream {

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            reserve(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            reserve(length);
            out.write(bytes, offset, length);
        }
    }
}
