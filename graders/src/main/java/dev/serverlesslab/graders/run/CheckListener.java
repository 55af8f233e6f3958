package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.CheckInvocation;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns JUnit events into check verdicts. Only test leaves count: a container reports SUCCESSFUL even when a child
 * failed. A container that fails before its tests run (a broken {@code @BeforeAll}, a class that cannot be created)
 * becomes one errored check, so nothing fails silently.
 */
final class CheckListener implements TestExecutionListener {

    /** Check messages longer than this are cut, with a note of how much was left out. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;

    private final GradingListener listener;
    private final Duration perCheck;
    private final CheckAnnotations annotations;
    private final List<CheckResult> results = new ArrayList<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    /** How many invocations had been made when each running check started. */
    private final Map<String, Integer> invocationsBefore = new ConcurrentHashMap<>();
    private final Supplier<List<CheckInvocation>> invocations;
    private TestPlan plan;

    /** @param invocations every invocation of the function so far, oldest first */
    CheckListener(GradingListener listener, Duration perCheck, ClassLoader checks,
                  Supplier<List<CheckInvocation>> invocations) {
        this.listener = listener;
        this.perCheck = perCheck;
        this.annotations = new CheckAnnotations(checks);
        this.invocations = invocations;
    }

    CheckListener(GradingListener listener, Duration perCheck, ClassLoader checks) {
        this(listener, perCheck, checks, List::of);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
        if (id.isTest()) {
            invocationsBefore.put(id.getUniqueId(), invocations.get().size());
            listener.checkStarted(nameOf(id));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            record(scored(id, new CheckResult(nameOf(id), Status.SKIPPED, reason, 0)));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        long millis = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
        if (id.isTest()) {
            record(scored(id, verdict(nameOf(id), result, millis)).withInvocations(madeBy(id)));
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.getSource().isPresent()) {
            String cause = result.getThrowable().map(CheckListener::describe).orElse("it was aborted");
            // Worth what the checks inside it would have been, so the maximum score does not shrink when they cannot run.
            int worth = plan == null ? 1 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                    .mapToInt(test -> annotations.of(test, plan).points()).sum();
            record(new CheckResult(nameOf(id), Status.ERROR, "The checks could not run: " + cause, millis, 0,
                    Math.max(worth, 1), null, false));
        }
    }

    /**
     * The invocations made while this check ran: checks run one at a time (parallel execution is off), so they are
     * the ones after the count at its start. A check cut off by its timeout may leave a thread invoking later; those
     * count for the check that is running then, which is the best the order of calls can tell.
     */
    private List<CheckInvocation> madeBy(TestIdentifier id) {
        List<CheckInvocation> all = invocations.get();
        int before = Math.min(invocationsBefore.getOrDefault(id.getUniqueId(), all.size()), all.size());
        return List.copyOf(all.subList(before, all.size()));
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }

    private void record(CheckResult result) {
        results.add(result);
        listener.checkFinished(result);
    }

    /** Adds the points, hint levels and hidden flag the check's annotations give; hints only when it did not pass. */
    private CheckResult scored(TestIdentifier id, CheckResult verdict) {
        CheckAnnotations.Marks marks = annotations.of(id, plan);
        boolean passed = verdict.status() == Status.PASSED;
        return new CheckResult(verdict.name(), verdict.status(), verdict.message(), verdict.millis(),
                passed ? marks.points() : 0, marks.points(), null, marks.hidden(), List.of(),
                passed ? List.of() : marks.hintLevels());
    }

    private CheckResult verdict(String name, TestExecutionResult result, long millis) {
        Throwable failure = result.getThrowable().orElse(null);
        return switch (result.getStatus()) {
            case SUCCESSFUL -> new CheckResult(name, Status.PASSED, null, millis);
            case ABORTED -> new CheckResult(name, Status.SKIPPED,
                    failure == null ? "aborted" : describe(failure), millis);
            case FAILED -> {
                if (failure instanceof AssertionError) {
                    yield new CheckResult(name, Status.FAILED, describe(failure), millis);
                }
                if (failure instanceof TimeoutException) {
                    yield new CheckResult(name, Status.FAILED,
                            "The check did not finish within " + perCheck.toSeconds() + " s and was stopped", millis);
                }
                yield new CheckResult(name, Status.ERROR, describe(failure), millis);
            }
        };
    }

    /** Parameterized and dynamic checks are named with their parent, so "[1] Ada" reads as "greets › [1] Ada". */
    private String nameOf(TestIdentifier id) {
        if (plan == null) {
            return id.getDisplayName();
        }
        return plan.getParent(id)
                .filter(parent -> parent.getSource().orElse(null) instanceof MethodSource)
                .map(parent -> parent.getDisplayName() + " › " + id.getDisplayName())
                .orElse(id.getDisplayName());
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "failed without a reason";
        }
        if (t instanceof AssertionError) {
            return t.getMessage() == null ? "an expectation did not hold" : capped(t.getMessage());
        }
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        return capped(t.getClass().getName() + message);
    }

    /**
     * A message quoting a 6 MB payload would go whole into every report and onto the console; the start says what
     * went wrong, so only that much is kept.
     */
    static String capped(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1
                : MAX_MESSAGE_CHARS;
        return message.substring(0, end) + "... [" + (message.length() - end) + " more characters not shown]";
    }
}
