package dev.serverlesslab.server.console;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.console.TestResult;

/** Runs a learner's code once with an event, as {@code graders.console.TestInvocation#invoke} does on a backend. */
@FunctionalInterface
public interface TestRunner {

    TestResult run(Exercise exercise, Submission submission, String event);
}
