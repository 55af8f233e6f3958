package dev.serverlesslab.server.progress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;

/**
 * A number per learner that changes whenever what pages show of their progress may have changed (read marks, quiz
 * answers, scores), so a page rendered for (lesson, learner, version) can be sent again without reading the
 * database. This process's own writes bump it ({@link #changed}); scores also change when a grading finishes, which
 * a {@code lab worker} may do in another process, so a learner with a submission waiting or being graded is
 * <em>unsettled</em>: every look asks the database ({@code pending}) and gets a new version until none is pending.
 * Submissions are only created and re-queued by the web app, so a settled learner stays settled until it bumps.
 *
 * <p>Assumes one web app per database (workers only grade): reads and answers written by another web app would not
 * bump this one's versions.
 */
public final class ProgressVersions {

    /** Each learner's version and whether their scores may still change without this process knowing. */
    private record State(long version, boolean settled) {
    }

    private final AtomicLong counter = new AtomicLong();
    private final Map<Long, AtomicReference<State>> learners = new ConcurrentHashMap<>();

    /**
     * The learner's version now.
     *
     * @param pending asks the database whether the learner has a submission still waiting or being graded; called
     *                only while they are unsettled (first look, or since a submission of theirs was queued)
     */
    public long version(long learnerId, LongPredicate pending) {
        AtomicReference<State> ref = state(learnerId);
        State seen = ref.get();
        if (seen.settled()) {
            return seen.version();
        }
        boolean stillPending = pending.test(learnerId);
        // Settle only if nothing bumped meanwhile: a submission queued during the look keeps the learner unsettled.
        State next = new State(counter.incrementAndGet(), !stillPending);
        return ref.compareAndSet(seen, next) ? next.version() : counter.incrementAndGet();
    }

    /** The learner's version as last given out, without asking the database even while they are unsettled. */
    long peek(long learnerId) {
        return state(learnerId).get().version();
    }

    /** Something the learner's pages show changed (a read mark, an answer): pages rendered before are stale. */
    public void changed(long learnerId) {
        state(learnerId).updateAndGet(state -> new State(counter.incrementAndGet(), state.settled()));
    }

    /** A submission of the learner was queued: their scores change when it is graded, maybe in another process. */
    public void submitted(long learnerId) {
        state(learnerId).set(new State(counter.incrementAndGet(), false));
    }

    private AtomicReference<State> state(long learnerId) {
        // Unknown learners start unsettled: a submission may be pending from before this process started.
        return learners.computeIfAbsent(learnerId, id -> new AtomicReference<>(new State(counter.incrementAndGet(),
                false)));
    }
}
