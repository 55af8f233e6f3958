package dev.serverlesslab.server.exercise;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.exercise.Statement;
import dev.serverlesslab.exercises.sam.SamTemplate;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import dev.serverlesslab.lessons.markdown.RenderedMarkdown;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.draft.DraftStore;
import dev.serverlesslab.server.hint.HintPages;
import dev.serverlesslab.server.progress.Attempt;
import dev.serverlesslab.server.progress.ProgressStore;
import dev.serverlesslab.server.submission.StoredSubmission;
import dev.serverlesslab.server.submission.SubmissionStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code GET /exercises/{exerciseId}}: the statement and an editor holding the learner's draft, the files of an earlier
 * submission ({@code ?from=}, which wins over the draft) or the starter files, and the learner's own attempts, each to
 * open, edit again or compare with the one before ({@link #compare}). Only the starter folder is read: solution and
 * checks never reach a page.
 */
public final class ExercisePage {

    private static final int HISTORY_LENGTH = 20;

    private final Supplier<ExerciseCatalog> catalog;
    private final Supplier<MarkdownRenderer> newMarkdown;
    private volatile MarkdownRenderer markdown;
    private final SubmissionStore store;
    private final ProgressStore progress;
    private final AttemptDiffPage diffs;
    private final DraftStore drafts;
    private final HintPages hints;
    /**
     * Each statement text is rendered once; keyed by the text, so a statement changed under live reload is rendered
     * anew (the few old texts an author leaves behind while editing are not worth evicting).
     */
    private final Map<String, RenderedMarkdown> statements = new ConcurrentHashMap<>();
    // Keyed by the Exercise value: a live reload brings new values, so an edited descriptor gets a new template.
    private final Map<Exercise, String> templates = new ConcurrentHashMap<>();

    /**
     * @param markdown makes the statements' renderer, at the first exercise page: a start that read its course from
     *                 serve's cache builds no Flexmark parser before it
     */
    public ExercisePage(Supplier<ExerciseCatalog> catalog, Supplier<MarkdownRenderer> markdown, SubmissionStore store,
                        ProgressStore progress, DraftStore drafts, HintPages hints) {
        this.catalog = catalog;
        this.hints = hints;
        this.newMarkdown = markdown;
        this.store = store;
        this.progress = progress;
        this.diffs = new AttemptDiffPage(catalog, store, progress);
        this.drafts = drafts;
    }

    private MarkdownRenderer markdown() {
        MarkdownRenderer made = markdown;
        if (made == null) {
            synchronized (this) {
                made = markdown;
                if (made == null) {
                    made = newMarkdown.get();
                    markdown = made;
                }
            }
        }
        return made;
    }

    public void show(Context ctx) {
        Exercise exercise = exercise(ctx);
        Viewer viewer = Viewer.of(ctx);
        String from = ctx.queryParam("from");
        String id = exercise.id();
        Map<String, String> starter = starterFiles(exercise);
        Optional<DraftStore.Draft> draft = from == null ? drafts.find(viewer.learnerId(), id) : Optional.empty();
        Map<String, String> files = from != null ? earlierFiles(viewer, exercise, from)
                : draft.map(found -> (Map<String, String>) found.files()).orElse(starter);

        Map<String, Object> model = new HashMap<>();
        model.put("title", exercise.title());
        model.put("exercise", exercise);
        // The web page leaves out the statement's <!-- cli --> sections: terminal instructions for CI users.
        RenderedMarkdown statement = statements.computeIfAbsent(Statement.forBrowser(exercise.statement()),
                text -> markdown().render(text));
        model.put("statement", statement.html());
        model.put("diagrams", statement.hasDiagram());
        model.put("files", EditorFile.of(exercise, starter, files));
        model.put("allowNewFiles", exercise.files().allowNewFiles());
        // The editor's JSON mode is loaded only for an exercise with a JSON file (an IAM policy): one request fewer.
        model.put("jsonFiles", files.keySet().stream().anyMatch(path -> path.endsWith(".json")));
        // The browser's fallback copy of the draft is kept per learner, so two accounts in one browser never mix.
        model.put("draftKey", "lab-draft:" + viewer.learnerId() + ":" + id);
        model.put("draftSavedAt", draft.map(DraftStore.Draft::updatedAt).orElse(null));
        model.put("draftTime", draft.map(found -> time(found.updatedAt())).orElse(null));
        model.put("from", from);
        model.put("history", progress.history(viewer.learnerId(), exercise.id(), HISTORY_LENGTH));
        model.put("markdown", true);
        model.putAll(hints.model(viewer, exercise));
        model.put("samTemplate", templates.computeIfAbsent(exercise, SamTemplate::of));
        ctx.render("exercise/exercise", model);
    }

    /**
     * {@code GET /exercises/{exerciseId}/attempts}: the viewer's own attempts list as the exercise page shows it (an
     * HTML fragment; 204 while there is none), which the page's run loop puts in place when a run finishes, so the
     * new attempt is listed without a reload.
     */
    public void attempts(Context ctx) {
        Exercise exercise = exercise(ctx);
        ctx.header("Cache-Control", "no-store");
        List<Attempt> history = progress.history(Viewer.of(ctx).learnerId(), exercise.id(),
                HISTORY_LENGTH);
        if (history.isEmpty()) {
            // Nothing to list (the page shows no section either); an empty 200 would read as "no such route".
            ctx.status(204);
            return;
        }
        ctx.render("exercise/_attempts", Map.of("exercise", exercise, "history", history));
    }

    /**
     * {@code GET /exercises/{exerciseId}/template.yaml}: the exercise's function and resources as an AWS SAM
     * template, to deploy with {@code sam deploy} once the learner has an account (no solution or check is in it).
     */
    public void template(Context ctx) {
        Exercise exercise = exercise(ctx);
        ctx.contentType("application/yaml; charset=utf-8");
        ctx.header("Content-Disposition", "inline; filename=\"template.yaml\"");
        ctx.result(templates.computeIfAbsent(exercise, SamTemplate::of));
    }

    /**
     * {@code GET /submissions/{submissionId}/diff[?against=<otherId>]}: what changed since the attempt before, or
     * since another of the learner's attempts at the same exercise.
     */
    public void compare(Context ctx) {
        diffs.show(ctx);
    }

    private Exercise exercise(Context ctx) {
        String id = ctx.pathParam("exerciseId");
        return catalog.get().find(id).orElseThrow(() -> new NotFoundResponse(
                "There is no exercise '" + id + "'. The course outline lists every exercise."));
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(instant);
    }

    private static Map<String, String> starterFiles(Exercise exercise) {
        return Submission.fromDirectory(exercise.starterDir()).files();
    }

    /** The files of an earlier submission the viewer may read; someone else's is as missing as an unknown id. */
    private Map<String, String> earlierFiles(Viewer viewer, Exercise exercise, String submissionId) {
        StoredSubmission earlier = store.find(submissionId)
                .filter(found -> found.exerciseId().equals(exercise.id()))
                .filter(found -> viewer.mayRead(found.learnerId()))
                .orElseThrow(() -> new NotFoundResponse("There is no submission '" + submissionId
                        + "' of yours of exercise '" + exercise.id() + "' to edit. Open the exercise without ?from= to start "
                        + "from the starter code."));
        return store.sources(earlier.id()).files();
    }

    /**
     * One file of the editor: its path (the form field is {@code file:<path>}), its text, a comfortable height, whether
     * the exercise makes it read-only, and the starter's text ("Reset to starter"; null for a file the learner added).
     */
    public record EditorFile(String path, String content, int rows, boolean readOnly, String starter) {

        /**
         * The editor's tabs: the handler's file first (the one the learner works on), then the other starter files,
         * then files the learner added, each group by path. A starter file the shown files lack is shown as the
         * starter has it, so every tab the exercise gives is there.
         */
        static List<EditorFile> of(Exercise exercise, Map<String, String> starter, Map<String, String> shown) {
            String handlerFile = exercise.handler().split("::")[0].replace('.', '/') + ".java";
            List<String> paths = new ArrayList<>(starter.keySet().stream().sorted().toList());
            if (paths.remove(handlerFile)) {
                paths.add(0, handlerFile);
            }
            shown.keySet().stream().filter(path -> !starter.containsKey(path)).sorted().forEach(paths::add);
            return paths.stream().map(path -> {
                String content = shown.getOrDefault(path, starter.get(path));
                return new EditorFile(path, content, rows(content), exercise.files().isReadOnly(path),
                        starter.get(path));
            }).toList();
        }

        private static int rows(String content) {
            int lines = (int) content.lines().count();
            return Math.max(8, Math.min(lines + 2, 40));
        }

        /**
         * The textarea's text: HTML drops one line break right after {@code <textarea>}, so one is added to keep a
         * file that starts with a blank line intact.
         */
        public String textareaText() {
            return "\n" + content;
        }

        /** The form field that carries this file back when the learner runs the checks. */
        public String field() {
            return "file:" + path;
        }
    }
}
