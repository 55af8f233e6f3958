package dev.serverlesslab.exercises.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Counts the checks in an exercise's {@code checks/} sources, which is what the exercise is worth by default.
 *
 * <p>The count is taken from source text rather than compiled classes because the checks compile only against the
 * graders' check API, which this module does not depend on. Each {@code @Test} annotation outside comments and string
 * literals is one check.
 */
final class CheckCounter {

    private static final Pattern TEST_ANNOTATION = Pattern.compile("@\\s*(org\\.junit\\.jupiter\\.api\\.)?Test\\b");

    int count(Path checksDir) {
        if (!Files.isDirectory(checksDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(checksDir)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).toList();
            int count = 0;
            for (Path source : sources) {
                count += count(Files.readString(source, StandardCharsets.UTF_8));
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checks in " + checksDir, e);
        }
    }

    static int count(String source) {
        Matcher matcher = TEST_ANNOTATION.matcher(codeOnly(source));
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Blanks out comments, string, text block and char literals, so an {@code @Test} inside them is not counted. */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int next;
            if (source.startsWith("//", i)) {
                next = skipTo(source, i + 2, "\n");
            } else if (source.startsWith("/*", i)) {
                next = skipTo(source, i + 2, "*/");
            } else if (source.startsWith("\"\"\"", i)) {
                next = skipTo(source, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                next = skipLiteral(source, i + 1, c);
            } else {
                code.append(c);
                i++;
                continue;
            }
            // A space keeps the tokens on either side of a skipped part apart.
            code.append(' ');
            i = next;
        }
        return code.toString();
    }

    private static int skipTo(String source, int from, String end) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    private static int skipLiteral(String source, int from, char quote) {
        int i = from;
        while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(source.length(), i + 1);
    }
}
