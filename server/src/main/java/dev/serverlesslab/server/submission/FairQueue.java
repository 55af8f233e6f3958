package dev.serverlesslab.server.submission;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Waiting submissions served round-robin across learners, at most one running per learner: a learner with five runs
 * queued gets one graded, then everybody else's next one, then their second. Each learner's own runs keep their order.
 *
 * <p>Written here rather than taken from a library: the JDK's queues have no notion of owners, and a job library
 * would bring a database the embedded default does not have; the rule is a few lines of bookkeeping.
 */
final class FairQueue {

    /** One waiting submission and the learner it belongs to. */
    record Job(String submissionId, String learner) {
    }

    /**
     * Learners who may start a grading now, in the order they will: each has something waiting and nothing running.
     * A learner whose grading ends joins at the back, behind everyone who arrived meanwhile.
     */
    private final Deque<String> turns = new ArrayDeque<>();
    private final Map<String, Deque<Job>> waiting = new LinkedHashMap<>();
    private final Set<String> running = new HashSet<>();
    private boolean closed;

    /** Adds a job behind the learner's own earlier ones; a learner new to the queue waits behind every other. */
    synchronized void add(Job job) {
        Deque<Job> jobs = waiting.computeIfAbsent(job.learner(), key -> new ArrayDeque<>());
        jobs.addLast(job);
        if (jobs.size() == 1 && !running.contains(job.learner())) {
            turns.addLast(job.learner());
        }
        notifyAll();
    }

    /**
     * Waits for the next job: the oldest one of the first learner in turn.
     *
     * @throws InterruptedException when the worker is stopped, also by {@link #close()}
     */
    synchronized Job take() throws InterruptedException {
        while (turns.isEmpty() || closed) {
            if (closed) {
                throw new InterruptedException("the grading queue is closed");
            }
            wait();
        }
        String learner = turns.removeFirst();
        Deque<Job> jobs = waiting.get(learner);
        Job job = jobs.removeFirst();
        if (jobs.isEmpty()) {
            waiting.remove(learner);
        }
        running.add(learner);
        return job;
    }

    /** The learner's running job is over (graded, failed or abandoned at its deadline): their next one may start. */
    synchronized void finished(Job job) {
        running.remove(job.learner());
        if (waiting.containsKey(job.learner())) {
            turns.addLast(job.learner());
            notifyAll();
        }
    }

    /**
     * How many waiting jobs start before this one if nothing else arrives: whole rounds of every learner in turn
     * before it, then those ahead of its learner in its own round. Learners with a grading running come last, where
     * they will rejoin. Empty when the job is not waiting (running or done).
     */
    synchronized OptionalInt ahead(String submissionId) {
        List<String> order = new ArrayList<>(turns);
        waiting.keySet().stream().filter(learner -> !order.contains(learner)).forEach(order::add);
        for (int position = 0; position < order.size(); position++) {
            int index = indexOf(waiting.get(order.get(position)), submissionId);
            if (index < 0) {
                continue;
            }
            int ahead = 0;
            for (int other = 0; other < order.size(); other++) {
                int theirs = waiting.get(order.get(other)).size();
                // In each round every learner with a job left gives one; those before ours in turn go first in it.
                ahead += Math.min(theirs, other < position ? index + 1 : index);
            }
            return OptionalInt.of(ahead);
        }
        return OptionalInt.empty();
    }

    /** Wakes every waiting worker for good. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private static int indexOf(Deque<Job> jobs, String submissionId) {
        int index = 0;
        for (Job job : jobs) {
            if (job.submissionId().equals(submissionId)) {
                return index;
            }
            index++;
        }
        return -1;
    }
}
