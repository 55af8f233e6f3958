package dev.serverlesslab.graders.report;

/**
 * The verdict of one check (a JUnit test leaf).
 *
 * @param name the check's display name, what the student reads
 * @param message why it failed (the assertion's message), or null when it passed
 */
public record CheckResult(String name, Status status, String message, long millis) {
}
