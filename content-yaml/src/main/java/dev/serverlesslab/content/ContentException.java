package dev.serverlesslab.content;

/**
 * A problem in the course content that an author has to fix, located by file and line where known.
 *
 * <p>The message reads like a compiler diagnostic, {@code content/lessons/01-x.md:3: front matter field 'title' is
 * required}, so editors and CI logs can turn it into a link.
 */
public class ContentException extends RuntimeException {

    private final String file;
    private final int line;
    private final String problem;

    /**
     * @param file    the file as the author knows it, e.g. {@code content/course.yml}; null when not known yet
     * @param line    the 1-based line, or 0 when the problem concerns the whole file
     * @param problem what is wrong and what to do about it
     */
    public ContentException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    public ContentException(String file, int line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file the problem is in, or null when the content was not read from a file. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The problem without its location. */
    public String problem() {
        return problem;
    }

    /** The same problem, located in the given file; used when text parsed from memory turns out to come from a file. */
    public ContentException inFile(String file) {
        return new ContentException(file, line, problem, getCause());
    }

    private static String format(String file, int line, String problem) {
        if (file == null) {
            return line > 0 ? "line " + line + ": " + problem : problem;
        }
        return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
    }
}
