package dev.serverlesslab.server.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How many gradings one learner may ask for: at most {@link #MAX_WAITING} waiting or running at once and
 * {@link #MAX_PER_MINUTE} per minute, so one learner (or a script) cannot fill the grading queue.
 * The server has no accounts yet, so a learner is a client address; with accounts, key this by learner instead.
 *
 * <p>Written here rather than taken from Javalin's {@code RateLimitPlugin}: that one counts requests per path only,
 * cannot count submissions still waiting, and sends no {@code Retry-After}.
 */
public final class SubmissionLimits {

    /** One grading running and two behind it is more than a person editing code ever needs. */
    public static final int MAX_WAITING = 3;
    /** A grading takes a few seconds at best (README "How fast"), so ten a minute is already faster than reading. */
    public static final int MAX_PER_MINUTE = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** What to tell a client whose earlier submissions are still waiting: about one warm grading's time. */
    static final Duration RETRY_WHEN_WAITING = Duration.ofSeconds(10);

    private final int maxWaiting;
    private final int maxPerMinute;
    private final Clock clock;
    private final Predicate<String> waiting;
    private final Map<String, Deque<Admission>> byClient = new HashMap<>();

    /** @param waiting tells whether a submission is still queued or running, e.g. {@link GradingQueue#isPending} */
    public SubmissionLimits(int maxWaiting, int maxPerMinute, Clock clock, Predicate<String> waiting) {
        this.maxWaiting = maxWaiting;
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
        this.waiting = waiting;
    }

    /**
     * Admits one more submission from {@code client}, or says why not and when to try again.
     *
     * @return the admission to {@link Admission#submitted attach} the stored submission to, or the refusal
     */
    public synchronized Decision admit(String client) {
        Instant now = clock.instant();
        // Every client's old admissions go, so addresses seen once do not pile up in memory.
        byClient.values().forEach(each -> prune(each, now));
        byClient.values().removeIf(Deque::isEmpty);
        Deque<Admission> admissions = byClient.computeIfAbsent(client, key -> new ArrayDeque<>());
        long stillWaiting = admissions.stream()
                .filter(a -> a.submissionId != null && waiting.test(a.submissionId)).count();
        if (stillWaiting >= maxWaiting) {
            return Decision.refused(RETRY_WHEN_WAITING, "You already have " + stillWaiting + " submissions waiting "
                    + "to be graded, the most one learner may have. Wait for one of them to finish, then run the "
                    + "checks again.");
        }
        long recent = admissions.stream().filter(a -> a.at.isAfter(now.minus(WINDOW))).count();
        if (recent >= maxPerMinute) {
            Instant oldest = admissions.stream().map(a -> a.at).filter(at -> at.isAfter(now.minus(WINDOW)))
                    .min(Instant::compareTo).orElse(now);
            Duration retry = Duration.between(now, oldest.plus(WINDOW));
            return Decision.refused(retry, "You ran the checks " + recent + " times in the last minute, the most "
                    + "allowed is " + maxPerMinute + ". Try again in " + Math.max(1, retry.toSeconds()) + " s.");
        }
        Admission admission = new Admission(now);
        admissions.addLast(admission);
        return new Decision(Optional.of(admission), null, null);
    }

    /** Forgets admissions older than the window whose submission is no longer waiting. */
    private void prune(Deque<Admission> admissions, Instant now) {
        for (Iterator<Admission> it = admissions.iterator(); it.hasNext(); ) {
            Admission admission = it.next();
            boolean old = !admission.at.isAfter(now.minus(WINDOW));
            if (old && (admission.submissionId == null || !waiting.test(admission.submissionId))) {
                it.remove();
            }
        }
    }

    /** One admitted submission; it counts as waiting once {@link #submitted} names it. */
    public final class Admission {
        private final Instant at;
        private String submissionId;

        private Admission(Instant at) {
            this.at = at;
        }

        /** Ties the admission to the stored submission, so it counts as waiting until that is graded. */
        public void submitted(String id) {
            synchronized (SubmissionLimits.this) {
                submissionId = id;
            }
        }
    }

    /**
     * The answer to {@link #admit}: an admission, or a message and how long to wait.
     *
     * @param retryAfter how long the client should wait before trying again; null when admitted
     */
    public record Decision(Optional<Admission> admission, Duration retryAfter, String message) {
        static Decision refused(Duration retryAfter, String message) {
            return new Decision(Optional.empty(), retryAfter, message);
        }
    }
}
