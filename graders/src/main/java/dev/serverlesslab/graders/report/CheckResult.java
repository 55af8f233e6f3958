package dev.serverlesslab.graders.report;

import java.util.List;

/**
 * The verdict of one check (a JUnit test leaf), with the points it earned.
 *
 * @param name      the check's display name, what the student reads
 * @param message   why it failed (the assertion's message), or null when it passed
 * @param points    the points earned: {@code maxPoints} when it passed, otherwise 0
 * @param maxPoints what it is worth ({@code @Points}, 1 by default)
 * @param hint      the first level of the author's {@code @Hint}, kept only when the check did not pass; otherwise
 *                  null (what consumers of the JSON report read before hints had levels)
 * @param hidden    true for a {@code @Hidden} check, whose details students do not see (see {@link #forStudents()})
 * @param invocations the invocations of the function the check made, in order (empty in reports written before they
 *                    were kept, and for checks that reached the function only through an API)
 * @param hintLevels every level of the author's {@code @Hint}, concept first, code last; like {@code hint} kept only
 *                   when the check did not pass (reports written before levels existed read as {@code [hint]})
 */
public record CheckResult(String name, Status status, String message, long millis, int points, int maxPoints,
                          String hint, boolean hidden, List<CheckInvocation> invocations, List<String> hintLevels) {

    public CheckResult {
        name = WellFormedText.of(name);
        message = WellFormedText.of(message);
        hintLevels = hintLevels == null || hintLevels.isEmpty()
                ? (hint == null ? List.of() : List.of(hint))
                : hintLevels.stream().map(WellFormedText::of).toList();
        // One source: the single hint is the first level whenever there are levels.
        hint = hintLevels.isEmpty() ? null : WellFormedText.of(hintLevels.get(0));
        invocations = invocations == null ? List.of() : List.copyOf(invocations);
    }

    /** A verdict with a hint of at most one level. */
    public CheckResult(String name, Status status, String message, long millis, int points, int maxPoints,
                       String hint, boolean hidden, List<CheckInvocation> invocations) {
        this(name, status, message, millis, points, maxPoints, hint, hidden, invocations, null);
    }

    /** A verdict without invocations, e.g. one made before the check's invocations are attached. */
    public CheckResult(String name, Status status, String message, long millis, int points, int maxPoints,
                       String hint, boolean hidden) {
        this(name, status, message, millis, points, maxPoints, hint, hidden, List.of());
    }

    /** What students read instead of a hidden check's message, hint and output. */
    public static final String HIDDEN = "hidden check";

    /** A visible check worth 1 point without a hint, e.g. a check that could not run at all. */
    public CheckResult(String name, Status status, String message, long millis) {
        this(name, status, message, millis, status == Status.PASSED ? 1 : 0, 1, null, false);
    }

    /**
     * The verdict as students may see it: a hidden check keeps its name, status and points, nothing else; not even its
     * invocations, whose events would give its test data away.
     */
    public CheckResult forStudents() {
        if (!hidden) {
            return this;
        }
        return new CheckResult(name, status, status == Status.PASSED ? null : HIDDEN, millis, points, maxPoints, null,
                true, List.of(), List.of());
    }

    /** This verdict with the invocations the check made. */
    public CheckResult withInvocations(List<CheckInvocation> made) {
        return new CheckResult(name, status, message, millis, points, maxPoints, hint, hidden, made, hintLevels);
    }

    /** This verdict with only these hint levels, e.g. the ones a learner has opened so far (none: no hint). */
    public CheckResult withHintLevels(List<String> levels) {
        return new CheckResult(name, status, message, millis, points, maxPoints, null, hidden, invocations,
                levels == null ? List.of() : levels);
    }
}
