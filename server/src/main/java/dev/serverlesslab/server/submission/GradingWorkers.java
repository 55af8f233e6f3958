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
     * (README "How fast", {@code lab bench --load}: on 2 cores, 2 workers beat 1 for hello-lambda and, clearly,
     * dynamodb-orders). More would also help a little, but every worker holds a function environment's memory.
     */
    public static int defaultCount() {
        return Math.max(1, Math.min(MAX, Runtime.getRuntime().availableProcessors()));
    }
}
