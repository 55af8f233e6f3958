package dev.serverlesslab.exercises.build;

/**
 * One compiler message about a source file, with the file named relative to the submission root.
 *
 * @param file    source path relative to the submission root (e.g. {@code example/Hello.java}); empty when the
 *                message is about no file in particular
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param kind    {@code error}, {@code warning}, {@code note} or {@code other}
 * @param message the compiler's message, possibly several lines long
 */
public record SourceDiagnostic(String file, long line, long column, String kind, String message) {

    /** True for messages that make the compilation fail. */
    public boolean isError() {
        return "error".equals(kind);
    }

    /** The message in javac's own shape, {@code example/Hello.java:12: error: cannot find symbol ...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!file.isEmpty()) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        return text.append(kind).append(": ").append(message).toString();
    }
}
