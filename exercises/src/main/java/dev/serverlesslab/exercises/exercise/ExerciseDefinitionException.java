package dev.serverlesslab.exercises.exercise;

/**
 * An exercise folder or its {@code exercise.yml} is not valid; the message names the file, line and what to fix.
 */
public class ExerciseDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExerciseDefinitionException(String message) {
        super(message);
    }

    public ExerciseDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
