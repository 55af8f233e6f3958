package dev.serverlesslab.server;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.server.account.AccountPages;
import dev.serverlesslab.server.account.ClassModeGate;
import dev.serverlesslab.server.account.StaffPages;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.console.ConsolePages;
import dev.serverlesslab.server.course.CoursePages;
import dev.serverlesslab.server.dashboard.DashboardExports;
import dev.serverlesslab.server.dashboard.DashboardPages;
import dev.serverlesslab.server.dashboard.Regrading;
import dev.serverlesslab.server.draft.DraftPages;
import dev.serverlesslab.server.exercise.ExercisePage;
import dev.serverlesslab.server.hint.HintPages;
import dev.serverlesslab.server.submission.SubmissionPages;
import dev.serverlesslab.server.system.CrossSiteProtection;
import dev.serverlesslab.server.system.ErrorPages;
import dev.serverlesslab.server.system.StaticAssets;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.function.Supplier;

/** Every URL of the app in one place, nested like the URL tree. */
final class Routes {

    private final CoursePages course;
    private final ExercisePage exercise;
    private final DraftPages drafts;
    private final SubmissionPages submissions;
    private final DashboardPages dashboard;
    private final DashboardExports exports;
    private final Regrading regrading;
    private final StaticAssets staticAssets;
    private final ErrorPages errors;
    private final CrossSiteProtection crossSite;
    private final Supplier<Viewer> soloViewer;
    private final ClassRoutes classMode;
    private final WorkbenchRoutes workbench;

    /** Class mode's parts: who is signed in, the account pages and the staff pages. */
    record ClassRoutes(ClassModeGate gate, AccountPages accounts, StaffPages staff) {
    }

    /** The exercise page's test console, hints and solution. */
    record WorkbenchRoutes(ConsolePages console, HintPages hints) {
    }

    /**
     * @param classMode  null in solo mode, where {@code soloViewer} is everyone and there is no sign-in
     * @param soloViewer asked per request, since its learner id is read from a database that may still be opening
     */
    Routes(CoursePages course, ExercisePage exercise, DraftPages drafts, SubmissionPages submissions, DashboardPages dashboard,
           DashboardExports exports, Regrading regrading, StaticAssets staticAssets, ErrorPages errors,
           CrossSiteProtection crossSite, Supplier<Viewer> soloViewer, ClassRoutes classMode, WorkbenchRoutes workbench) {
        this.course = course;
        this.exercise = exercise;
        this.drafts = drafts;
        this.submissions = submissions;
        this.dashboard = dashboard;
        this.exports = exports;
        this.regrading = regrading;
        this.staticAssets = staticAssets;
        this.errors = errors;
        this.crossSite = crossSite;
        this.soloViewer = soloViewer;
        this.classMode = classMode;
        this.workbench = workbench;
    }

    void declare(RoutesConfig routes) {
        // Before every handler, so a refused request never reaches one; "matched" so it runs after the security
        // headers' before-handler and the refusal carries them too (static files and 404s hold nothing to protect).
        routes.beforeMatched(crossSite::check);
        if (classMode == null) {
            // Solo mode: everyone who reaches the app is its one learner.
            routes.beforeMatched(ctx -> Viewer.set(ctx, soloViewer.get()));
        } else {
            // Class mode: the signed-in account, or a redirect to sign in before any handler sees the request.
            routes.beforeMatched(classMode.gate()::check);
        }
        routes.apiBuilder(() -> {
            get("/", course::outline);
            get("/search", course::search);
            path("lessons/{lessonId}", () -> {
                get(course::lesson);
                post("quizzes/{quizId}", course::answerQuiz);
            });
            path("exercises/{exerciseId}", () -> {
                get(exercise::show);
                get("template.yaml", exercise::template);
                get("attempts", exercise::attempts);
                post("submissions", submissions::create);
                get("draft", drafts::show);
                put("draft", drafts::save);
                delete("draft", drafts::delete);
                // Owner-only by construction: every handler keys what it reads and writes by Viewer.of(ctx).
                path("console", () -> {
                    get("events", workbench.console()::events);
                    post("events", workbench.console()::saveEvent);
                    post("events/rename", workbench.console()::renameEvent);
                    post("events/delete", workbench.console()::deleteEvent);
                    post("check", workbench.console()::check);
                    post("invoke", workbench.console()::invoke);
                });
                post("hints/next", workbench.hints()::next);
                get("solution", workbench.hints()::solution);
            });
            path("submissions/{submissionId}", () -> {
                get(submissions::show);
                get("status.json", submissions::status);
                get("events", submissions::events);
                get("diff", exercise::compare);
                // CheckHints.next answers someone else's submission 404 (students) or 403 (staff).
                post("checks/{check}/hints/next", submissions::openCheckHint);
            });
            // Staff only: every handler below starts with StaffOnly.require, which answers 403 to anyone else.
            path("dashboard", () -> {
                get(dashboard::matrix);
                get("exercises/{exerciseId}", dashboard::exercise);
                post("exercises/{exerciseId}/regrade", regrading::exercise);
                get("learners/{learnerId}", dashboard::learner);
                post("submissions/{submissionId}/regrade", regrading::submission);
                get("export/matrix.csv", exports::matrixCsv);
                get("export/matrix.json", exports::matrixJson);
                get("export/attempts.csv", exports::attemptsCsv);
                get("export/attempts.json", exports::attemptsJson);
            });
            path("markdown", () -> {
                get("style.css", staticAssets::markdownStylesheet);
                get("script.js", staticAssets::markdownScript);
            });
            if (classMode != null) {
                declareClassMode(classMode.accounts(), classMode.staff());
            }
        });
        routes.exception(HttpResponseException.class, errors::refused);
        routes.exception(SubmissionException.class, errors::badSubmission);
        routes.exception(Exception.class, errors::unexpected);
        routes.error(404, errors::pageNotFound);
    }

    private static void declareClassMode(AccountPages accounts, StaffPages staff) {
        get("login", accounts::loginForm);
        post("login", accounts::login);
        post("logout", accounts::logout);
        get("signup", accounts::signupForm);
        post("signup", accounts::signup);
        get("account", accounts::accountForm);
        post("account", accounts::changePassword);
        path("staff", () -> {
            get(staffOnly(staff, staff::home));
            post("cohorts", staffOnly(staff, staff::createCohort));
            get("cohorts/{cohortId}", staffOnly(staff, staff::cohort));
            post("cohorts/{cohortId}/join", staffOnly(staff, staff::setJoinOpen));
            post("roster", staffOnly(staff, staff::importRoster));
            post("instructors", staffOnly(staff, staff::createInstructor));
            post("accounts/{accountId}/reset-password", staffOnly(staff, staff::resetPassword));
        });
    }

    /** A staff page: students get 403 before the handler runs. */
    private static Handler staffOnly(StaffPages staff, Handler handler) {
        return ctx -> {
            staff.requireStaff(ctx);
            handler.handle(ctx);
        };
    }
}
