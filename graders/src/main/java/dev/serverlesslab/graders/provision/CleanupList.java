package dev.serverlesslab.graders.provision;

import java.util.ArrayList;
import java.util.List;

/**
 * What a grading created, as the steps that delete it, run newest first: something created later may depend on
 * something created earlier (an alias on its key, a parameter on the key that encrypts it).
 */
final class CleanupList {

    /** One deletion, described for people as what it removes, e.g. "table lab-orders-1a2b3c4d-orders". */
    private record Step(String what, Runnable delete) {
    }

    private final List<Step> steps = new ArrayList<>();

    synchronized void add(String what, Runnable delete) {
        steps.add(new Step(what, delete));
    }

    synchronized int size() {
        return steps.size();
    }

    /**
     * Runs every step, newest first, and forgets them; a failing step does not stop the others.
     *
     * @return one line per step that failed: what could not be deleted and the backend's answer
     */
    synchronized List<String> runAll() {
        List<String> problems = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            try {
                step.delete().run();
            } catch (RuntimeException e) {
                problems.add("could not delete " + step.what() + ": " + ProvisioningException.describe(e));
            }
        }
        steps.clear();
        return problems;
    }
}
