package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.Lesson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The class × exercise matrix: one row per student, one column per exercise in course order, each cell the student's
 * best score, attempts and standing. The dashboard page, matrix.csv and matrix.json are all drawn from this one
 * value, so the three never disagree.
 *
 * @param columns exercises in the order the course outline shows them; exercises no longer in the content but still
 *                holding submissions come last, so none of a student's work goes unshown
 */
public record ClassMatrix(ClassRecords.Cohort cohort, List<Column> columns, List<Row> rows, List<Total> totals) {

    /** Builds the matrix of these students from every learner's tallies. */
    static ClassMatrix of(Course course, ExerciseCatalog catalog, ClassRecords.Cohort cohort,
                          List<ClassRecords.Learner> students, List<ClassRecords.Tally> tallies) {
        Map<Long, Map<String, ClassRecords.Tally>> byLearner = new HashMap<>();
        Set<Long> studentIds = new LinkedHashSet<>();
        students.forEach(student -> studentIds.add(student.learnerId()));
        Set<String> attempted = new LinkedHashSet<>();
        for (ClassRecords.Tally tally : tallies) {
            if (studentIds.contains(tally.learnerId())) {
                byLearner.computeIfAbsent(tally.learnerId(), id -> new HashMap<>()).put(tally.exerciseId(), tally);
                attempted.add(tally.exerciseId());
            }
        }
        List<Column> columns = columns(course, catalog, attempted);
        List<Row> rows = students.stream().map(student -> {
            Map<String, ClassRecords.Tally> own = byLearner.getOrDefault(student.learnerId(), Map.of());
            return new Row(student, columns.stream().map(column -> Cell.of(own.get(column.id()))).toList());
        }).toList();
        List<Total> totals = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            totals.add(Total.of(rows.stream().map(row -> row.cells().get(index)).toList()));
        }
        return new ClassMatrix(cohort, columns, rows, totals);
    }

    /** Exercises as the outline lists them (module by module, lesson by lesson), then the rest of the catalog. */
    static List<Column> columns(Course course, ExerciseCatalog catalog, Set<String> attempted) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Lesson lesson : course.lessons()) {
            for (String id : lesson.exercises()) {
                catalog.find(id).ifPresent(exercise -> columns.putIfAbsent(id, Column.of(exercise)));
            }
        }
        for (Exercise exercise : catalog.all()) {
            columns.putIfAbsent(exercise.id(), Column.of(exercise));
        }
        for (String id : attempted) {
            columns.putIfAbsent(id, new Column(id, id + " (no longer in the course)"));
        }
        return List.copyOf(columns.values());
    }

    /** An exercise heading the matrix. */
    public record Column(String id, String title) {
        static Column of(Exercise exercise) {
            return new Column(exercise.id(), exercise.title() == null ? exercise.id() : exercise.title());
        }
    }

    /** A student and their cells, in column order. */
    public record Row(ClassRecords.Learner learner, List<Cell> cells) {
    }

    /**
     * One student in one exercise.
     *
     * @param best null until an attempt is graded
     * @param max  null until an attempt is graded
     */
    public record Cell(int attempts, Integer best, Integer max, Standing standing, int hints) {

        static Cell of(ClassRecords.Tally tally) {
            if (tally == null) {
                return new Cell(0, null, null, Standing.NOT_ATTEMPTED, 0);
            }
            Standing standing;
            if (tally.passed()) {
                standing = Standing.PASSED;
            } else if (tally.graded() == 0) {
                standing = Standing.NOT_GRADED;
            } else if (tally.best() != null && tally.best() > 0) {
                standing = Standing.PARTIAL;
            } else {
                standing = Standing.NO_POINTS;
            }
            return new Cell(tally.attempts(), tally.best(), tally.max(), standing, tally.hints());
        }

        /** "4/6"; "0" when no check ran (code that never compiled is worth nothing yet); "—" while none is graded. */
        public String score() {
            if (best == null) {
                return "—";
            }
            return max == null || max == 0 ? String.valueOf(best) : best + "/" + max;
        }

        /** "1 attempt", "3 attempts". */
        public String attemptsText() {
            return attempts + (attempts == 1 ? " attempt" : " attempts");
        }

        /**
         * What the cell says under the score: "some points, 2 attempts", with the hints opened when there were any
         * ("passed, 3 attempts, 2 hints"), or just "not attempted".
         */
        public String detail() {
            if (standing == Standing.NOT_ATTEMPTED) {
                return standing.label();
            }
            return standing.label() + ", " + attemptsText()
                    + (hints == 0 ? "" : ", " + hints + (hints == 1 ? " hint" : " hints"));
        }
    }

    /** How a student stands in an exercise; each has words, so the cell's colour is never the only cue. */
    public enum Standing {
        PASSED("passed"),
        PARTIAL("some points"),
        NO_POINTS("no points"),
        NOT_GRADED("not graded yet"),
        NOT_ATTEMPTED("not attempted");

        private final String label;

        Standing(String label) {
            this.label = label;
        }

        /** What the cell says, e.g. "some points". */
        public String label() {
            return label;
        }

        /** The CSS class that colours the cell, e.g. {@code cell-partial}. */
        public String cssClass() {
            return "cell-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One exercise across the shown students.
     *
     * @param attempted how many students submitted at least once
     * @param passed    how many passed it
     * @param graded    how many have a graded attempt, the students {@code averageBest} is taken over
     */
    public record Total(int students, int attempted, int passed, int graded, double averageBest, int attempts) {

        static Total of(List<Cell> cells) {
            int attempted = 0;
            int passed = 0;
            int graded = 0;
            int attempts = 0;
            double bestSum = 0;
            for (Cell cell : cells) {
                attempts += cell.attempts();
                if (cell.attempts() > 0) {
                    attempted++;
                }
                if (cell.standing() == Standing.PASSED) {
                    passed++;
                }
                if (cell.best() != null) {
                    graded++;
                    bestSum += cell.best();
                }
            }
            return new Total(cells.size(), attempted, passed, graded, graded == 0 ? 0 : bestSum / graded, attempts);
        }

        /** The average best score with one decimal, or "—" when nothing is graded. */
        public String averageText() {
            return graded == 0 ? "—" : String.format(java.util.Locale.ROOT, "%.1f", averageBest);
        }
    }
}
