package dev.serverlesslab.server.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.server.account.Viewer;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /exercises/{exerciseId}/draft}: the editor's autosave. GET answers the viewer's draft, PUT replaces it, DELETE
 * forgets it; always the viewer's own (keyed by {@link Viewer#learnerId()}, never by anything in the request), in
 * JSON, since only the editor's script calls these. A draft is held to the same rules as a submission: names, sizes
 * and UTF-8, read-only files kept as the starter has them, new files only where the exercise allows them.
 */
public final class DraftPages {

    /** Read per request: under live reload the course's exercises change while the server runs. */
    private final Supplier<ExerciseCatalog> catalog;
    private final DraftStore store;
    private final ObjectMapper json = new ObjectMapper();

    public DraftPages(ExerciseCatalog catalog, DraftStore store) {
        this(() -> catalog, store);
    }

    public DraftPages(Supplier<ExerciseCatalog> catalog, DraftStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** {@code GET}: 200 with {@code {files, updatedAt}}, or 404 when the viewer has no draft of the exercise. */
    public void show(Context ctx) {
        Optional<Exercise> exercise = exercise(ctx);
        if (exercise.isEmpty()) {
            return;
        }
        Optional<DraftStore.Draft> draft = store.find(Viewer.of(ctx).learnerId(), exercise.get().id());
        if (draft.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "You have no draft of this exercise yet: the editor starts from the "
                    + "starter code.");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", draft.get().files());
        body.put("updatedAt", draft.get().updatedAt().toString());
        answer(ctx, HttpStatus.OK, body);
    }

    /** {@code PUT} with {@code {"files": {"path": "text", ...}}}: 200 with {@code {updatedAt}}. */
    public void save(Context ctx) {
        Optional<Exercise> exercise = exercise(ctx);
        if (exercise.isEmpty()) {
            return;
        }
        String type = Optional.ofNullable(ctx.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            error(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the draft as JSON (Content-Type application/json): "
                    + "{\"files\": {\"path\": \"text\"}}.");
            return;
        }
        Map<String, String> files = new LinkedHashMap<>();
        try {
            JsonNode given = json.readTree(ctx.body()).path("files");
            if (!given.isObject()) {
                error(ctx, HttpStatus.BAD_REQUEST, "The draft has no files: send {\"files\": {\"path\": \"text\"}}.");
                return;
            }
            for (var field : given.properties()) {
                if (!field.getValue().isTextual()) {
                    error(ctx, HttpStatus.BAD_REQUEST, "The text of " + field.getKey() + " must be a string.");
                    return;
                }
                files.put(field.getKey(), field.getValue().textValue());
            }
        } catch (JsonProcessingException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "The draft is not valid JSON: send {\"files\": {\"path\": \"text\"}}.");
            return;
        }
        Submission draft;
        try {
            Submission starter = Submission.fromDirectory(exercise.get().starterDir());
            draft = exercise.get().files().enforce(Submission.of(files), starter);
        } catch (SubmissionException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "The draft was not saved: " + e.getMessage());
            return;
        }
        Instant saved = store.save(Viewer.of(ctx).learnerId(), exercise.get().id(), draft.files());
        answer(ctx, HttpStatus.OK, Map.of("updatedAt", saved.toString()));
    }

    /** {@code DELETE}: 204, whether or not there was a draft (the editor then starts from the starter code). */
    public void delete(Context ctx) {
        Optional<Exercise> exercise = exercise(ctx);
        if (exercise.isEmpty()) {
            return;
        }
        store.delete(Viewer.of(ctx).learnerId(), exercise.get().id());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private Optional<Exercise> exercise(Context ctx) {
        String id = ctx.pathParam("exerciseId");
        Optional<Exercise> exercise = catalog.get().find(id);
        if (exercise.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "There is no exercise '" + id + "'. The course outline lists every "
                    + "exercise.");
        }
        return exercise;
    }

    private void error(Context ctx, HttpStatus status, String message) {
        answer(ctx, status, Map.of("error", message));
    }

    private void answer(Context ctx, HttpStatus status, Object body) {
        try {
            ctx.status(status)
                    .header("Cache-Control", "no-store")
                    .contentType("application/json; charset=utf-8")
                    .result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
