package dev.serverlesslab.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.server.TestApp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matrix's columns and cells, and the CSV cell guard, without HTTP. */
class ClassMatrixTests {

    @Test
    void columns_followTheCourse_thenKeepRetiredExercisesThatStillHoldWork() {
        List<ClassMatrix.Column> columns = ClassMatrix.columns(CourseLoader.load(TestApp.CONTENT),
                ExerciseCatalog.load(TestApp.CONTENT), new java.util.LinkedHashSet<>(List.of("hello-lambda", "retired")));

        List<String> ids = columns.stream().map(ClassMatrix.Column::id).toList();
        assertEquals(List.of("hello-lambda", "async-audit", "versions-aliases", "concurrency", "cost-report", "typed-api-events", "dynamodb-orders",
                "orders-by-customer", "ssm-kms-config", "envelope-encryption", "s3-ingest", "sqs-batch",
                "fan-out", "stream-aggregator", "order-workflow", "protected-api", "capstone",
                "retired"), ids,
                "lesson by lesson in course order, then what is no longer in the course");
        assertEquals("retired (no longer in the course)", columns.get(ids.size() - 1).title());
    }

    @Test
    void cell_saysHowTheStudentStands() {
        assertEquals(ClassMatrix.Standing.NOT_ATTEMPTED, ClassMatrix.Cell.of(null).standing());
        assertEquals(ClassMatrix.Standing.NOT_GRADED, standing(2, 0, null, null, false));
        assertEquals(ClassMatrix.Standing.NO_POINTS, standing(1, 1, 0, 3, false));
        assertEquals(ClassMatrix.Standing.PARTIAL, standing(2, 2, 1, 3, false));
        assertEquals(ClassMatrix.Standing.PASSED, standing(2, 2, 3, 3, true));
        assertEquals("—", ClassMatrix.Cell.of(null).score());
        assertEquals("no points, 1 attempt", ClassMatrix.Cell.of(tally(1, 1, 0, 3, false)).detail());
        assertEquals("not attempted", ClassMatrix.Cell.of(null).detail());
        assertEquals("passed, 3 attempts, 2 hints", ClassMatrix.Cell.of(new ClassRecords.Tally(1, "hello-lambda", 3,
                3, 3, 3, true, 2)).detail(), "an instructor sees who needed the hints");
        assertEquals("some points, 1 attempt, 1 hint", ClassMatrix.Cell.of(new ClassRecords.Tally(1, "hello-lambda",
                1, 1, 1, 3, false, 1)).detail());
        assertEquals("0", ClassMatrix.Cell.of(tally(1, 1, 0, 0, false)).score(), "code that never compiled");
        assertEquals("2/3", ClassMatrix.Cell.of(tally(2, 2, 2, 3, false)).score());
    }

    @Test
    void csvCell_prefixesWhatASpreadsheetWouldRunAsAFormula_andLeavesTheRest() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + formula, DashboardExports.cell(formula));
        }
        assertEquals("Ada = Countess", DashboardExports.cell("Ada = Countess"));
        assertEquals("'already quoted", DashboardExports.cell("'already quoted"));
        assertEquals("", DashboardExports.cell(null));
    }

    private static ClassMatrix.Standing standing(int attempts, int graded, Integer best, Integer max, boolean passed) {
        return ClassMatrix.Cell.of(tally(attempts, graded, best, max, passed)).standing();
    }

    private static ClassRecords.Tally tally(int attempts, int graded, Integer best, Integer max, boolean passed) {
        return new ClassRecords.Tally(1, "hello-lambda", attempts, graded, best, max, passed);
    }
}
