package dev.serverlesslab.graders.report;

/**
 * The verdict of one check (a JUnit test leaf), with the points it earned.
 *
 * @param name      the check's display name, what the student reads
 * @param message   why it failed (the assertion's message), or null when it passed
 * @param points    the points earned: {@code maxPoints} when it passed, otherwise 0
 * @param maxPoints what it is worth ({@code @Points}, 1 by default)
 * @param hint      the author's {@code @Hint}, kept only when the check did not pass; otherwise null
 * @param hidden    true for a {@code @Hidden} check, whose details students do not see (see {@link #forStudents()})
 */
public record CheckResult(String name, Status status, String message, long millis, int points, int maxPoints,
                          String hint, boolean hidden) {

    public CheckResult {
        name = WellFormedText.of(name);
        message = WellFormedText.of(message);
        hint = WellFormedText.of(hint);
    }

    /** What students read instead of a hidden check's message, hint and output. */
    public static final String HIDDEN = "hidden check";

    /** A visible check worth 1 point without a hint, e.g. a check that could not run at all. */
    public CheckResult(String name, Status status, String message, long millis) {
        this(name, status, message, millis, status == Status.PASSED ? 1 : 0, 1, null, false);
    }

    /** The verdict as students may see it: a hidden check keeps its name, status and points, nothing else. */
    public CheckResult forStudents() {
        if (!hidden) {
            return this;
        }
        return new CheckResult(name, status, status == Status.PASSED ? null : HIDDEN, millis, points, maxPoints, null,
                true);
    }
}
