package dev.serverlesslab.exercises.build.worker;

import java.time.Duration;
import java.util.List;

/**
 * The bounds a learner's compilation runs within, and what the learner is told when a source hits one of them.
 * Every number a message quotes comes from here, so a message never disagrees with the limit that was applied.
 */
public final class CompilerLimits {

    /**
     * Real handlers compile in well under a second warm and a few seconds cold; javac's overload resolution and type
     * inference are exponential in the nesting of poly expressions, so a 4 KB source can keep it busy for minutes.
     * 20 s leaves a slow, loaded machine ample room while a stuck compile cannot hold a grading worker for long.
     */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    /**
     * javac needs about 60 MB for a handler against the AWS SDK; constant folding can build strings of hundreds of MB
     * from a 1 KB source. 384 MB keeps every real submission far from the edge and bounds what one compile can take.
     */
    static final int HEAP_MB = 384;

    /**
     * javac recurses once per nesting level in parser, attribution and code generation. With the JVM's default 1 MB
     * thread stack it failed here at 5,000 nested parentheses, which generated or copied code reaches; with 16 MB it
     * compiles 30,000, and deeper than that is no longer code a person writes.
     */
    static final int STACK_MB = 16;

    /**
     * Lambda takes a deployment package of at most 50 MB uploaded directly (CreateFunction's ZipFile); class files
     * beyond that could never be deployed, and constant folding can make gigabytes of them from a small source.
     */
    static final long MAX_CLASS_BYTES = 50L * 1024 * 1024;

    /**
     * javac's own messages stay under a few hundred characters, but one that prints an inferred type can grow
     * exponentially with the source (a 300-byte chain of generic calls names a type of megabytes); one hundred of those
     * would travel into the grading JVM, the report and every page that shows it.
     */
    static final int MAX_MESSAGE_CHARS = 4_000;

    private CompilerLimits() {
    }

    /**
     * How the worker JVM is started: bounded heap and stack, a quick-starting JIT and GC, no shared perf files, VM
     * messages kept off the framed stdout. A warm worker holds about 190 MB resident; a small initial heap that shrinks
     * (-Xms16m, low free ratios) halved that here but made warm compiles 3-4 times slower through extra collections,
     * so the heap keeps its default sizing.
     */
    static List<String> jvmOptions() {
        return List.of("-Xmx" + HEAP_MB + "m", "-Xss" + STACK_MB + "m", "-XX:MaxMetaspaceSize=192m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                // HotSpot prints its warnings to stdout by default, where they would break the framing.
                "-XX:+DisplayVMOutputToStderr",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8");
    }

    static String outOfMemory() {
        return "the compiler ran out of memory on this source (it may use " + HEAP_MB + " MB): look for constants "
                + "built from other constants (strings that multiply with each '+'), huge array initializers or deeply "
                + "nested generic calls, and make them smaller";
    }

    static String outOfStack() {
        return "the compiler ran out of stack on this source: an expression or statement is nested too deeply "
                + "(thousands of parentheses, '+' terms or nested calls); split it into smaller parts or helper "
                + "methods";
    }

    static String tooSlow(Duration deadline) {
        return "compiling took longer than " + deadline.toSeconds() + " s and was stopped: look for deeply nested "
                + "generic method calls, conditional expressions (?:) or lambdas whose types the compiler must infer, "
                + "and split them or give them explicit types";
    }

    static String tooMuchOutput(long budget) {
        return "the compiled classes exceed " + budget / (1024 * 1024) + " MB, the limit for a submission (a Lambda "
                + "deployment package uploaded directly holds at most 50 MB): look for long string constants built "
                + "from other constants, or generated code, and make them smaller";
    }

    /** The message cut to {@link #MAX_MESSAGE_CHARS}, saying how long it was. */
    static String shortened(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_CHARS) + " ... [message shortened from " + message.length()
                + " characters]";
    }

    static String crashed(String detail) {
        return "the Java compiler crashed on this source (" + detail + "): some construct in your code triggers a bug "
                + "in javac; simplify the code you changed last, and tell your instructor if the error stays";
    }
}
