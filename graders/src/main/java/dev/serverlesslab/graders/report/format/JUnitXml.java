package dev.serverlesslab.graders.report.format;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.util.Locale;

/**
 * A grading as JUnit XML (one testsuite, a testcase per check), the format every CI system's test view reads. The
 * score and each check's points are properties; hidden checks are redacted as in every student-facing output.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    public static String of(GradingReport fullReport) {
        GradingReport report = fullReport.forStudents();
        long failures = report.checks().stream().filter(c -> c.status() == Status.FAILED).count();
        long errors = report.checks().stream().filter(c -> c.status() == Status.ERROR).count();
        long skipped = report.checks().stream().filter(c -> c.status() == Status.SKIPPED).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        boolean gradingBroke = report.checks().isEmpty();
        xml.append("<testsuite name=\"").append(escape(report.exerciseId()))
                .append("\" tests=\"").append(gradingBroke ? 1 : report.checks().size())
                .append("\" failures=\"").append(gradingBroke && report.status() == Status.FAILED ? 1 : failures)
                .append("\" errors=\"").append(gradingBroke && report.status() == Status.ERROR ? 1 : errors)
                .append("\" skipped=\"").append(skipped)
                .append("\" time=\"").append(seconds(report.millis())).append("\">\n");
        xml.append("  <properties>\n    <property name=\"score\" value=\"").append(report.score())
                .append("\"/>\n    <property name=\"maxScore\" value=\"").append(report.maxScore())
                .append("\"/>\n  </properties>\n");
        if (gradingBroke) {
            // A compile error or a broken grading has no checks: one case says why, so CI shows a red test.
            String tag = report.status() == Status.ERROR ? "error" : "failure";
            xml.append("  <testcase classname=\"").append(escape(report.exerciseId())).append("\" name=\"grading\" time=\"0\">\n")
                    .append("    <").append(tag).append(" message=\"").append(escape(report.summary())).append("\">")
                    .append(escape(String.join("\n", report.diagnostics()))).append("</").append(tag).append(">\n")
                    .append("  </testcase>\n");
        }
        for (CheckResult check : report.checks()) {
            xml.append("  <testcase classname=\"").append(escape(report.exerciseId())).append("\" name=\"")
                    .append(escape(check.name())).append("\" time=\"").append(seconds(check.millis())).append("\">\n")
                    .append("    <properties><property name=\"points\" value=\"").append(check.points())
                    .append("\"/><property name=\"maxPoints\" value=\"").append(check.maxPoints())
                    .append("\"/></properties>\n");
            String tag = switch (check.status()) {
                case FAILED -> "failure";
                case ERROR -> "error";
                case SKIPPED -> "skipped";
                case PASSED -> null;
            };
            if (tag == null) {
                xml.append("  </testcase>\n");
                continue;
            }
            String message = MessageText.of(check);
            xml.append("    <").append(tag).append(" message=\"").append(escape(firstLine(message))).append("\">")
                    .append(escape(message)).append("</").append(tag).append(">\n  </testcase>\n");
        }
        xml.append("  <system-out>").append(escape(report.functionLog())).append("</system-out>\n");
        return xml.append("</testsuite>\n").toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String escape(String text) {
        return XmlText.escape(text);
    }
}
