package dev.serverlesslab.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.server.progress.Attempt;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The dashboard's data for spreadsheets and scripts: the matrix and every attempt, as CSV (RFC 4180, quoted by
 * Commons CSV) and as JSON, honouring the cohort filter. Handles, display names and cohort names are chosen by
 * people, so every text cell a spreadsheet could read as a formula is defused first ({@link #cell(String)}).
 */
public final class DashboardExports {

    private final Supplier<Course> course;
    private final Supplier<ExerciseCatalog> catalog;
    private final ClassRecords records;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DashboardExports(Supplier<Course> course, Supplier<ExerciseCatalog> catalog, ClassRecords records) {
        this.course = course;
        this.catalog = catalog;
        this.records = records;
    }

    /** {@code GET /dashboard/export/matrix.csv}: one row per student, four columns per exercise. */
    public void matrixCsv(Context ctx) {
        StaffOnly.require(ctx);
        ClassMatrix matrix = matrix(ctx);
        List<Object> header = new ArrayList<>(List.of("handle", "display name", "cohort", "last activity"));
        for (ClassMatrix.Column column : matrix.columns()) {
            String id = cell(column.id());
            header.addAll(List.of(id + " score", id + " max", id + " attempts", id + " standing", id + " hints"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ClassMatrix.Row row : matrix.rows()) {
            ClassRecords.Learner learner = row.learner();
            List<Object> values = new ArrayList<>(List.of(cell(learner.handle()), cell(learner.displayName()),
                    cell(learner.cohortName()), blankIfNull(iso(learner.lastActivity()))));
            for (ClassMatrix.Cell cell : row.cells()) {
                values.addAll(List.of(blankIfNull(cell.best()), blankIfNull(cell.max()), cell.attempts(),
                        cell.standing().label(), cell.hints()));
            }
            rows.add(values);
        }
        csv(ctx, "matrix.csv", header, rows);
    }

    /** {@code GET /dashboard/export/attempts.csv}: one row per submission of a student, newest first. */
    public void attemptsCsv(Context ctx) {
        StaffOnly.require(ctx);
        List<Object> header = List.of("submission", "handle", "display name", "cohort", "exercise", "submitted at",
                "state", "outcome", "score", "max", "hints opened");
        List<List<Object>> rows = new ArrayList<>();
        for (AttemptJson attempt : attempts(ctx)) {
            rows.add(List.of(attempt.submission(), cell(attempt.handle()), cell(attempt.displayName()),
                    cell(attempt.cohort()), cell(attempt.exercise()), attempt.submittedAt(), attempt.state(),
                    blankIfNull(attempt.outcome()), blankIfNull(attempt.score()), blankIfNull(attempt.maxScore()),
                    attempt.hintsOpened()));
        }
        csv(ctx, "attempts.csv", header, rows);
    }

    /** {@code GET /dashboard/export/matrix.json}: the matrix with each student's exercises keyed by exercise id. */
    public void matrixJson(Context ctx) {
        StaffOnly.require(ctx);
        ClassMatrix matrix = matrix(ctx);
        List<Map<String, Object>> learners = new ArrayList<>();
        for (ClassMatrix.Row row : matrix.rows()) {
            Map<String, Object> exercises = new LinkedHashMap<>();
            for (int i = 0; i < matrix.columns().size(); i++) {
                ClassMatrix.Cell cell = row.cells().get(i);
                exercises.put(matrix.columns().get(i).id(), new CellJson(cell.best(), cell.max(), cell.attempts(),
                        cell.standing().name(), cell.hints()));
            }
            ClassRecords.Learner learner = row.learner();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("learnerId", learner.learnerId());
            values.put("handle", learner.handle());
            values.put("displayName", learner.displayName());
            values.put("cohort", learner.cohortName());
            values.put("lastActivity", iso(learner.lastActivity()));
            values.put("exercises", exercises);
            learners.add(values);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cohort", matrix.cohort());
        body.put("exercises", matrix.columns());
        body.put("learners", learners);
        json(ctx, body);
    }

    /** {@code GET /dashboard/export/attempts.json}: what attempts.csv holds, with numbers as numbers. */
    public void attemptsJson(Context ctx) {
        StaffOnly.require(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cohort", CohortFilter.of(ctx, records).cohort());
        body.put("attempts", attempts(ctx));
        json(ctx, body);
    }

    /**
     * A text cell a spreadsheet shows as text: one starting with {@code = + - @}, a tab or a carriage return would be
     * taken as a formula (OWASP's CSV injection advice), so it gets a leading apostrophe. Null stays empty.
     */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private ClassMatrix matrix(Context ctx) {
        CohortFilter filter = CohortFilter.of(ctx, records);
        return ClassMatrix.of(course.get(), catalog.get(), filter.cohort(), records.students(filter.id()), records.tallies());
    }

    private List<AttemptJson> attempts(Context ctx) {
        CohortFilter filter = CohortFilter.of(ctx, records);
        return records.attempts(true, filter.id(), null, null, 0).stream().map(row -> {
            Attempt attempt = row.attempt();
            return new AttemptJson(attempt.id(), row.learner().learnerId(), row.learner().handle(),
                    row.learner().displayName(), row.learner().cohortName(), row.exerciseId(),
                    iso(attempt.createdAt()), attempt.state().name(),
                    attempt.outcome() == null ? null : attempt.outcome().name(), attempt.score(), attempt.maxScore(),
                    row.hintsOpened());
        }).toList();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Object blankIfNull(Object value) {
        return value == null ? "" : value;
    }

    private static void csv(Context ctx, String fileName, List<Object> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            printer.printRecords(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store")
                .contentType("text/csv; charset=utf-8")
                .result(out.toString());
    }

    private void json(Context ctx, Object body) {
        try {
            ctx.header("Cache-Control", "no-store")
                    .contentType("application/json; charset=utf-8")
                    .result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One student in one exercise, in matrix.json. */
    record CellJson(Integer bestScore, Integer maxScore, int attempts, String standing, int hintsOpened) {
    }

    /** One submission, in attempts.json and attempts.csv. */
    record AttemptJson(String submission, long learnerId, String handle, String displayName, String cohort,
                       String exercise, String submittedAt, String state, String outcome, Integer score,
                       Integer maxScore, int hintsOpened) {
    }
}
