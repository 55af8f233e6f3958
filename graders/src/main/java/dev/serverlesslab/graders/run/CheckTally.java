package dev.serverlesslab.graders.run;

/**
 * What an exercise's checks add up to, as a grading counts them: how many checks (test leaves) it reports and the
 * points it is out of ({@code GradingReport.maxScore()}).
 *
 * @param checks the number of checks a grading reports
 * @param points the sum of their {@code @Points}, 1 for a check without
 */
public record CheckTally(int checks, int points) {
}
