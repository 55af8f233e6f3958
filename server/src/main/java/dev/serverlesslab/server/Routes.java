package dev.serverlesslab.server;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.course.CoursePages;
import dev.serverlesslab.server.exercise.ExercisePage;
import dev.serverlesslab.server.submission.SubmissionPages;
import dev.serverlesslab.server.system.CrossSiteProtection;
import dev.serverlesslab.server.system.ErrorPages;
import dev.serverlesslab.server.system.MarkdownAssets;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;

/** Every URL of the app in one place, nested like the URL tree. */
final class Routes {

    private final CoursePages course;
    private final ExercisePage exercise;
    private final SubmissionPages submissions;
    private final MarkdownAssets markdownAssets;
    private final ErrorPages errors;
    private final CrossSiteProtection crossSite;
    private final Viewer soloViewer;

    Routes(CoursePages course, ExercisePage exercise, SubmissionPages submissions, MarkdownAssets markdownAssets,
           ErrorPages errors, CrossSiteProtection crossSite, Viewer soloViewer) {
        this.course = course;
        this.exercise = exercise;
        this.submissions = submissions;
        this.markdownAssets = markdownAssets;
        this.errors = errors;
        this.crossSite = crossSite;
        this.soloViewer = soloViewer;
    }

    void declare(RoutesConfig routes) {
        // Before every handler, so a refused request never reaches one; "matched" so it runs after the security
        // headers' before-handler and the refusal carries them too (static files and 404s hold nothing to protect).
        routes.beforeMatched(crossSite::check);
        // Solo mode: everyone who reaches the app is its one learner. Class mode replaces this with sign-in.
        routes.beforeMatched(ctx -> Viewer.set(ctx, soloViewer));
        routes.apiBuilder(() -> {
            get("/", course::outline);
            get("/search", course::search);
            path("lessons/{lessonId}", () -> {
                get(course::lesson);
                post("quizzes/{quizId}", course::answerQuiz);
            });
            path("exercises/{exerciseId}", () -> {
                get(exercise::show);
                post("submissions", submissions::create);
            });
            path("submissions/{submissionId}", () -> {
                get(submissions::show);
                get("status.json", submissions::status);
                get("diff", exercise::compare);
            });
            path("markdown", () -> {
                get("style.css", markdownAssets::stylesheet);
                get("script.js", markdownAssets::script);
            });
        });
        routes.exception(HttpResponseException.class, errors::refused);
        routes.exception(SubmissionException.class, errors::badSubmission);
        routes.exception(Exception.class, errors::unexpected);
        routes.error(404, errors::pageNotFound);
    }
}
