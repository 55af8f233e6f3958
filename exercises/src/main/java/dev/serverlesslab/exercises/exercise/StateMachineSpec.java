package dev.serverlesslab.exercises.exercise;

/**
 * A declared Step Functions state machine.
 *
 * @param definitionFile the Amazon States Language file: relative to the exercise folder, or, when the learner
 *                       writes it, to the submission (and to the exercise's {@code starter/} and {@code solution/})
 * @param definition its text as written, with {@code ${...}} references still in it; for a learner-written
 *                   definition, the solution's (each grading deploys the submission's, see
 *                   {@link LearnerDefinitions})
 * @param type {@code STANDARD} or {@code EXPRESS}
 * @param learnerWritten whether the learner writes the definition ({@code from: submission} in exercise.yml)
 */
public record StateMachineSpec(String logicalName, String definitionFile, String definition, String type,
                               boolean learnerWritten) {
}
