package dev.serverlesslab.exercises.exercise;

import java.util.List;
import java.util.Objects;

/**
 * What an exercise offers a learner beside the checks: hints opened one level at a time, when the reference solution
 * may be revealed, and sample events for the test console.
 *
 * @param hints      the exercise's hint levels in order (concept, then API, then code); empty when it has none
 * @param solution   when the reference solution may be shown
 * @param testEvents the exercise's own sample events ({@code events/*.json}), by name
 */
public record ExerciseAids(List<String> hints, SolutionReveal solution, List<TestEvent> testEvents) {

    public ExerciseAids {
        hints = List.copyOf(hints);
        Objects.requireNonNull(solution, "solution");
        testEvents = List.copyOf(testEvents);
    }

    /** No hints, the solution never shown, no sample events. */
    public static ExerciseAids none() {
        return new ExerciseAids(List.of(), SolutionReveal.NEVER, List.of());
    }

    /**
     * When the reference solution may be shown to a learner ({@code solution:} in exercise.yml; never by default).
     *
     * @param attempts with {@link Rule#AFTER_ATTEMPTS}, how many graded attempts come first; else 0
     */
    public record SolutionReveal(Rule rule, int attempts) {

        public static final SolutionReveal NEVER = new SolutionReveal(Rule.NEVER, 0);

        /** The {@code reveal:} values as authors write them. */
        public enum Rule {
            NEVER("never"), AFTER_PASSING("afterPassing"), AFTER_ATTEMPTS("afterAttempts");

            private final String yaml;

            Rule(String yaml) {
                this.yaml = yaml;
            }

            public String yaml() {
                return yaml;
            }
        }

        /** Whether someone with this many graded attempts, having passed or not, may see the solution. */
        public boolean allows(int gradedAttempts, boolean passed) {
            return switch (rule) {
                case NEVER -> false;
                case AFTER_PASSING -> passed;
                case AFTER_ATTEMPTS -> passed || gradedAttempts >= attempts;
            };
        }
    }

    /** One sample event of the exercise: its name (the file name without {@code .json}) and its JSON text. */
    public record TestEvent(String name, String json) {
    }
}
