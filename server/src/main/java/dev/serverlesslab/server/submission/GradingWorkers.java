package dev.serverlesslab.server.submission;

/** How many submissions the web app grades at once unless {@code --workers} says otherwise. */
public final class GradingWorkers {

    /** More than this many gradings at once only makes every one of them slower on any machine we know of. */
    public static final int MAX = 32;

    private GradingWorkers() {
    }

    /**
     * One worker per core: a grading spends much of its time waiting on child JVMs (javac, the function's
     * environment, DynamoDB Local) and the emulator, so a second grading fills the gaps a first leaves
     * (measured in README "How fast": on 2 cores, 2 workers grade 30 hello-lambda submissions faster than 1).
     */
    public static int defaultCount() {
        return Math.max(1, Math.min(MAX, Runtime.getRuntime().availableProcessors()));
    }
}
