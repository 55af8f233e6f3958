package dev.serverlesslab.exercises.exercise;

/**
 * A declared Step Functions state machine.
 *
 * @param definitionFile the Amazon States Language file, relative to the exercise folder
 * @param definition its text as written, with {@code ${...}} references still in it
 * @param type {@code STANDARD} or {@code EXPRESS}
 */
public record StateMachineSpec(String logicalName, String definitionFile, String definition, String type) {
}
