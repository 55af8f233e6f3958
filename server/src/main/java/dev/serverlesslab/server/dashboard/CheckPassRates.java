package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which checks of an exercise a class fails most: each check's pass rate over the latest graded attempt of each
 * student, worst first. A latest attempt without check results (it did not compile, or grading could not finish)
 * says nothing about any one check, so it is counted apart in {@code withoutChecks} rather than as a failure of all.
 *
 * @param learners      how many students have a graded attempt
 * @param withoutChecks how many of those have a latest attempt with no check results
 */
public record CheckPassRates(List<Rate> rates, int learners, int withoutChecks) {

    static CheckPassRates of(Collection<GradingReport> latestReports) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Boolean> hidden = new LinkedHashMap<>();
        int withoutChecks = 0;
        for (GradingReport report : latestReports) {
            if (report.checks().isEmpty()) {
                withoutChecks++;
                continue;
            }
            for (CheckResult check : report.checks()) {
                int[] passedAndRun = counts.computeIfAbsent(check.name(), name -> new int[2]);
                passedAndRun[1]++;
                if (check.status() == Status.PASSED) {
                    passedAndRun[0]++;
                }
                hidden.merge(check.name(), check.hidden(), Boolean::logicalOr);
            }
        }
        List<Rate> rates = counts.entrySet().stream()
                .map(entry -> new Rate(entry.getKey(), hidden.get(entry.getKey()), entry.getValue()[0],
                        entry.getValue()[1]))
                .sorted(Comparator.comparingDouble(Rate::rate).thenComparing(Rate::name))
                .toList();
        return new CheckPassRates(rates, latestReports.size(), withoutChecks);
    }

    /**
     * One check across the class.
     *
     * @param hidden true when students do not see the check's details
     * @param passed how many latest attempts passed it
     * @param run    how many latest attempts ran it
     */
    public record Rate(String name, boolean hidden, int passed, int run) {

        /** Passed over run, 0 to 1. */
        public double rate() {
            return run == 0 ? 0 : (double) passed / run;
        }

        /** The rate as a whole percentage, e.g. "67%". */
        public String percent() {
            return String.format(Locale.ROOT, "%.0f%%", rate() * 100);
        }
    }
}
