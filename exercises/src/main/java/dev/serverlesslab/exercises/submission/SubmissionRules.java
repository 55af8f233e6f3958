package dev.serverlesslab.exercises.submission;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The limits a submission must respect, checked before anything of it reaches the disk or the compiler.
 */
final class SubmissionRules {

    static final int MAX_FILES = 200;
    static final long MAX_FILE_BYTES = 256 * 1024;
    static final long MAX_TOTAL_BYTES = 1024 * 1024;
    /**
     * Code people write stays under a few hundred characters a line; longer lines are generated data or an attempt on
     * the compiler (one line of 100,000 nested parentheses), and would also swamp every page that shows the source.
     */
    static final int MAX_LINE_CHARS = 10_000;

    // Names end up as paths on disk and inside the deployment zip: a narrow alphabet rules out traversal,
    // drive letters, shell metacharacters and look-alike Unicode in one go.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./-]+");

    private SubmissionRules() {
    }

    /**
     * Learner files that are not code but data the checks read, e.g. an IAM policy document the learner writes
     * ({@code policy.json}); they are stored and shown like sources, never compiled nor deployed.
     */
    static final List<String> DOCUMENT_SUFFIXES = List.of(".json");

    static boolean isJavaSource(String path) {
        return path.endsWith(".java");
    }

    /** Whether the path is a file a submission keeps: a Java source or a document ({@link #DOCUMENT_SUFFIXES}). */
    static boolean isLearnerFile(String path) {
        return isJavaSource(path) || DOCUMENT_SUFFIXES.stream().anyMatch(path::endsWith);
    }

    static void checkName(String path) {
        if (path.isEmpty()) {
            throw new SubmissionException("a file has an empty name: give every file a name like example/Hello.java");
        }
        if (path.startsWith("/")) {
            throw new SubmissionException(path + ": absolute paths are not allowed: use a path relative to the "
                    + "submission folder, like example/Hello.java");
        }
        if (path.contains("\\")) {
            throw new SubmissionException(path + ": backslashes are not allowed in file names: separate folders "
                    + "with '/', like example/Hello.java");
        }
        if (path.contains("..")) {
            throw new SubmissionException(path + ": '..' is not allowed in file names: keep every file inside the "
                    + "submission folder");
        }
        if (!NAME.matcher(path).matches()) {
            throw new SubmissionException(path + ": file names may use only letters A-Z and a-z, digits, '_', '.', '-'"
                    + " and '/' between folders: rename the file");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw new SubmissionException(path + ": empty or '.' folder names are not allowed: use a path like "
                        + "example/Hello.java");
            }
        }
        // A Lambda function's code is loaded from the class path, where a module descriptor means nothing; javac in
        // turn treats the in-memory sources as a module and crashes on them instead of reporting an error.
        if (path.equals("module-info.java") || path.endsWith("/module-info.java")) {
            throw new SubmissionException(path + ": module declarations are not used by Lambda functions, whose code "
                    + "runs on the class path: delete module-info.java");
        }
    }

    /** Reports the first line longer than {@link #MAX_LINE_CHARS}, by number, so the learner can find it. */
    static void checkLineLengths(String path, String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new SubmissionException(path + ":" + line + ": the line is " + (i - start)
                            + " characters long, more than the " + MAX_LINE_CHARS + " allowed: break it into "
                            + "several lines, or load large data from a file instead of writing it into the code");
                }
                line++;
                start = i + 1;
            }
        }
    }

    static void checkCount(int count, String where) {
        if (count > MAX_FILES) {
            throw new SubmissionException(where + " has " + count + " Java files, more than the " + MAX_FILES
                    + " allowed: keep only the sources the exercise needs");
        }
    }

    static void checkFileSize(String path, long bytes) {
        if (bytes > MAX_FILE_BYTES) {
            throw new SubmissionException(path + " is " + kilobytes(bytes) + " KB, more than the "
                    + kilobytes(MAX_FILE_BYTES) + " KB allowed per file: split it or remove generated code");
        }
    }

    static void checkTotalSize(long bytes) {
        if (bytes > MAX_TOTAL_BYTES) {
            throw new SubmissionException("the Java sources add up to " + kilobytes(bytes) + " KB, more than the "
                    + kilobytes(MAX_TOTAL_BYTES) + " KB allowed: remove files the exercise does not need");
        }
    }

    /**
     * Validates names, sizes and encoding of the Java sources and documents and decodes them.
     *
     * @param files all files of the submission; files that are neither Java sources nor documents are ignored
     * @param where how to name the submission in messages, e.g. its folder
     */
    static SortedMap<String, String> validate(Map<String, byte[]> files, String where) {
        SortedMap<String, byte[]> sources = new TreeMap<>();
        files.forEach((path, bytes) -> {
            if (isLearnerFile(path)) {
                sources.put(path, bytes);
            }
        });
        if (sources.keySet().stream().noneMatch(SubmissionRules::isJavaSource)) {
            throw new SubmissionException("no Java sources found in " + where
                    + ": add your .java files, e.g. example/Hello.java");
        }
        checkCount(sources.size(), where);
        long total = 0;
        Map<String, String> byLowerCase = new HashMap<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            String path = source.getKey();
            checkName(path);
            // Case-insensitive file systems (macOS, Windows) would silently merge these two files.
            String clash = byLowerCase.put(path.toLowerCase(Locale.ROOT), path);
            if (clash != null) {
                throw new SubmissionException(clash + " and " + path + " differ only in upper/lower case: rename one");
            }
            checkFileSize(path, source.getValue().length);
            total += source.getValue().length;
            checkTotalSize(total);
        }
        // Sizes first, for every file: a learner over the limit hears about the size, not about one long line in it.
        SortedMap<String, String> decoded = new TreeMap<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            String text = decode(source.getKey(), source.getValue());
            checkLineLengths(source.getKey(), text);
            decoded.put(source.getKey(), text);
        }
        return decoded;
    }

    private static String decode(String path, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SubmissionException(path + " is not valid UTF-8 text: save it as UTF-8", e);
        }
        // Some Windows editors start UTF-8 files with a byte order mark, which javac rejects as an illegal character.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static long kilobytes(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
