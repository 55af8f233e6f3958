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
 * Adds up the points of the checks in an exercise's {@code checks/} sources, which is what the exercise is worth by
 * default, so the points lesson pages show and the points grading counts come from one place: the checks.
 *
 * <p>The sum is taken from source text rather than compiled classes because the checks compile only against the
 * graders' check API, which this module does not depend on. Each {@code @Test} annotation outside comments and string
 * literals is one check, worth the {@code @Points(n)} among its method's annotations, else its class's
 * {@code @Points(n)}, else 1, as the graders count them.
 */
final class CheckCounter {

    private static final Pattern TEST_ANNOTATION = Pattern.compile("@\\s*(org\\.junit\\.jupiter\\.api\\.)?Test\\b");
    private static final Pattern POINTS = Pattern.compile(
            "@\\s*(dev\\.serverlesslab\\.graders\\.check\\.)?Points\\s*\\(\\s*(value\\s*=\\s*)?(\\d+)\\s*\\)");

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
        String code = codeOnly(source);
        int classStart = code.indexOf('{');
        int classPoints = classStart < 0 ? 1 : points(code.substring(0, classStart), 1);
        Matcher matcher = TEST_ANNOTATION.matcher(code);
        int count = 0;
        while (matcher.find()) {
            // The method's annotations run from the end of the member before it to the start of its body.
            int start = Math.max(code.lastIndexOf('}', matcher.start()),
                    Math.max(code.lastIndexOf(';', matcher.start()), code.lastIndexOf('{', matcher.start()))) + 1;
            int body = code.indexOf('{', matcher.end());
            count += points(code.substring(start, body < 0 ? code.length() : body), classPoints);
        }
        return count;
    }

    private static int points(String annotations, int otherwise) {
        Matcher points = POINTS.matcher(annotations);
        return points.find() ? Integer.parseInt(points.group(3)) : otherwise;
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
