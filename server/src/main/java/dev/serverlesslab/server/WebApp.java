package dev.serverlesslab.server;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.course.CoursePages;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.exercise.ExercisePage;
import dev.serverlesslab.server.submission.GradingDeadline;
import dev.serverlesslab.server.progress.ProgressStore;
import dev.serverlesslab.server.quiz.QuizAnswers;
import dev.serverlesslab.server.quiz.QuizStore;
import dev.serverlesslab.server.submission.GradingQueue;
import dev.serverlesslab.server.submission.JsonEraImport;
import dev.serverlesslab.server.submission.SubmissionLimits;
import dev.serverlesslab.server.submission.SubmissionPages;
import dev.serverlesslab.server.submission.SubmissionStore;
import dev.serverlesslab.server.system.CrossSiteProtection;
import dev.serverlesslab.server.system.ErrorPages;
import dev.serverlesslab.server.system.MarkdownAssets;
import dev.serverlesslab.server.system.ThymeleafRenderer;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.plugin.bundled.GlobalHeadersConfig;
import io.javalin.plugin.bundled.GlobalHeadersPlugin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The Serverless Lab web app: course pages, exercise editor and the grading queue behind it, on one Javalin server. */
public final class WebApp implements AutoCloseable {

    /**
     * Room for a submission at the exercises module's own size limit even after form encoding, so an oversized one
     * gets that module's explanation; the cap still keeps one request from filling the heap.
     */
    private static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    /**
     * Only the app's own files may run or load. Scripts are never inline (the templates load them from /static and
     * the webjars), so script-src is strict. Styles allow 'unsafe-inline' for one reason: mermaid writes each
     * diagram's styles into a style element as it draws, content no hash or nonce can know in advance; a style
     * cannot run code. form-action and frame-ancestors keep forms from posting elsewhere and pages out of frames.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Javalin javalin;
    private final GradingQueue queue;
    private final Database database;
    private final JsonEraImport.Result imported;

    private WebApp(Javalin javalin, GradingQueue queue, Database database, JsonEraImport.Result imported) {
        this.javalin = javalin;
        this.queue = queue;
        this.database = database;
        this.imported = imported;
    }

    /**
     * Loads the course, opens and migrates the database, imports JSON-era submission folders not yet in it, starts the
     * grading workers (re-queuing what a previous run left unfinished) and starts serving.
     *
     * @throws dev.serverlesslab.lessons.ContentException when a lesson or course.yml is broken, naming file and line
     * @throws dev.serverlesslab.exercises.exercise.ExerciseDefinitionException when an exercise folder is broken
     * @throws dev.serverlesslab.server.database.DatabaseException when the database cannot be reached or migrated
     */
    public static WebApp start(WebAppConfig config) {
        Course course = CourseLoader.load(config.contentDir());
        ExerciseCatalog catalog = ExerciseCatalog.load(config.contentDir());
        Database database = config.databaseUrl() == null
                ? Database.embedded(config.dataDir()) : Database.open(config.databaseUrl());
        try {
            return start(config, course, catalog, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static WebApp start(WebAppConfig config, Course course, ExerciseCatalog catalog, Database database) {
        MarkdownRenderer markdown = new MarkdownRenderer();
        SubmissionStore store = new SubmissionStore(database, Clock.systemUTC());
        JsonEraImport.Result imported = new JsonEraImport(store).importFrom(config.dataDir().resolve("submissions"));
        ProgressStore progress = new ProgressStore(database);
        GradingQueue queue = new GradingQueue(store, catalog, new Grader(config.backend())::grade, GradingDeadline::of,
                config.workers());

        Routes routes = new Routes(
                new CoursePages(course, catalog, progress, new QuizAnswers(new QuizStore(database, Clock.systemUTC()))),
                new ExercisePage(catalog, markdown, store, progress),
                new SubmissionPages(catalog, store, queue, new SubmissionLimits(SubmissionLimits.MAX_WAITING,
                        SubmissionLimits.MAX_PER_MINUTE, Clock.systemUTC(), queue::isPending)),
                new MarkdownAssets(),
                new ErrorPages(),
                new CrossSiteProtection(isLoopback(config.host())),
                Viewer.solo(store.soloLearner()));
        Path assets = config.contentDir().resolve("assets");
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.http.maxRequestSize = MAX_REQUEST_BYTES;
            javalinConfig.fileRenderer(new ThymeleafRenderer());
            javalinConfig.registerPlugin(new GlobalHeadersPlugin(headers -> {
                headers.contentSecurityPolicy(CONTENT_SECURITY_POLICY);
                headers.xContentTypeOptionsNoSniff();
                headers.xFrameOptions(GlobalHeadersConfig.XFrameOptions.DENY);
                headers.referrerPolicy(GlobalHeadersConfig.ReferrerPolicy.SAME_ORIGIN);
            }));
            javalinConfig.staticFiles.enableWebjars();
            javalinConfig.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            // Only content/assets is public: exercise folders hold solutions and checks that must never be served.
            if (Files.isDirectory(assets)) {
                javalinConfig.staticFiles.add(files -> {
                    files.hostedPath = "/assets";
                    files.directory = assets.toAbsolutePath().toString();
                    files.location = Location.EXTERNAL;
                });
            }
            routes.declare(javalinConfig.routes);
        });
        // Recovered submissions are queued before the first new one can arrive, so grading stays in arrival order.
        queue.start();
        try {
            javalin.start(config.host(), config.port());
        } catch (RuntimeException e) {
            javalin.stop();
            queue.close();
            throw e;
        }
        return new WebApp(javalin, queue, database, imported);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // Javalin fails to bind an unknown host anyway, and says so.
            return false;
        }
    }

    /** The port the app listens on; the real one when the config asked for port 0. */
    public int port() {
        return javalin.port();
    }

    /** Where submissions are kept, for the console. */
    public String databaseDescription() {
        return database.description();
    }

    /** What the start imported from JSON-era submission folders, and what it could not. */
    public JsonEraImport.Result imported() {
        return imported;
    }

    /**
     * Stops serving, stops the grading worker and closes the database; a grading cut short stays RUNNING and is
     * re-queued on next start.
     */
    @Override
    public void close() {
        javalin.stop();
        queue.close();
        database.close();
    }
}
