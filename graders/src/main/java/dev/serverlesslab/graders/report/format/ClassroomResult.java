package dev.serverlesslab.graders.report.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A grading as a GitHub Classroom autograding runner result: base64-encoded JSON with {@code max_score} and a score
 * per test, which the classroom grading reporter adds up. Points come from {@code @Points} (1 by default); hidden
 * checks are redacted as in every student-facing output.
 */
public final class ClassroomResult {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassroomResult() {
    }

    /** The JSON the reporter decodes. */
    public static String json(GradingReport fullReport) {
        GradingReport report = fullReport.forStudents();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("status", report.status() == Status.PASSED ? "pass" : report.status() == Status.ERROR ? "error" : "fail");
        root.put("max_score", report.maxScore());
        ArrayNode tests = root.putArray("tests");
        for (CheckResult check : report.checks()) {
            ObjectNode test = tests.addObject();
            test.put("name", ConsoleText.line(check.name()));
            test.put("status", check.status() == Status.PASSED ? "pass" : check.status() == Status.ERROR ? "error" : "fail");
            test.put("score", check.points());
            test.put("max_score", check.maxPoints());
            // The classroom reporter prints messages to the Actions log, where no workflow command may come from them.
            test.put("message", ConsoleText.multiline(MessageText.of(check)));
            test.put("line_no", 0);
            test.put("execution_time", check.millis() + "ms");
        }
        return root.toString();
    }

    /** The value of the runner's {@code result} output. */
    public static String encoded(GradingReport report) {
        return Base64.getEncoder().encodeToString(json(report).getBytes(StandardCharsets.UTF_8));
    }
}
