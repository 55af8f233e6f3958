package dev.serverlesslab.exercises.hostile;

/** Small sources that attack the compiler itself, each named for what it does to javac. */
final class HostileSources {

    /** A handler that compiles in any worker, to show a worker is usable after a hostile source. */
    static final String GOOD = """
            package example;

            public class Hello {
                public String greet(String name) {
                    return "Hello, " + name;
                }
            }
            """;

    private HostileSources() {
    }

    /**
     * Under 1 KB: constant folding makes each constant 16 times the one before, 64 * 16^7 characters at the end,
     * which javac tries to build in memory before it could complain that the constant is too long.
     */
    static String heapExhaustingConstants() {
        StringBuilder source = new StringBuilder("class Heap {\n    static final String A = \"" + "a".repeat(64)
                + "\";\n");
        for (char name = 'B'; name <= 'H'; name++) {
            String previous = String.valueOf((char) (name - 1));
            source.append("    static final String ").append(name).append(" = ")
                    .append(String.join(" + ", java.util.Collections.nCopies(16, previous))).append(";\n");
        }
        return source.append("}\n").toString();
    }

    /**
     * About 16 KB in short lines: overloaded methods around nested conditional expressions, whose poly-expression
     * typing javac explores exponentially; it does not finish within 30 s on the machines this was measured on.
     */
    static String exponentialOverloadResolution() {
        String expression = "1";
        for (int depth = 0; depth < 10; depth++) {
            expression = "m(true\n? " + expression + "\n: " + expression + ")";
        }
        return "class Slow {\n"
                + "    static <T> T m(T t) { return t; }\n"
                + "    static int m(int t) { return t; }\n"
                + "    static long m(long t) { return t; }\n"
                + "    static void run() { Object o = " + expression + "; }\n"
                + "}\n";
    }

    /**
     * Under 300 bytes: each call doubles the inferred type ({@code Pair<T, T>}), and the error about the missing method
     * prints it, a message of about 850 KB.
     */
    static String exponentialTypeInMessage() {
        return "class Typ {\n"
                + "    static class Pair<A, B> { }\n"
                + "    static <T> Pair<T, T> p(T t) { return null; }\n"
                + "    static void run(String x) { var v = " + "p(".repeat(16) + "x" + ")".repeat(16) + "; v.foo(); }\n"
                + "}\n";
    }

    /**
     * Parentheses nested {@code depth} deep, broken into lines of 5,000 so the line-length rule lets them through:
     * 100,000 deep is 200 KB, within the per-file limit.
     */
    static String nestedParentheses(String className, int depth) {
        return "class " + className + " {\n    int x =\n" + lines("(", depth) + "1\n" + lines(")", depth) + ";\n}\n";
    }

    private static String lines(String token, int count) {
        StringBuilder text = new StringBuilder();
        for (int done = 0; done < count; done += 5_000) {
            text.append(token.repeat(Math.min(5_000, count - done))).append('\n');
        }
        return text.toString();
    }
}
