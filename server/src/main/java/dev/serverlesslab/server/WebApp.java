package dev.serverlesslab.server;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.lessons.cache.CourseCache;
import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import dev.serverlesslab.server.account.AccountPages;
import dev.serverlesslab.server.account.AccountStore;
import dev.serverlesslab.server.account.ClassModeGate;
import dev.serverlesslab.server.account.CohortStore;
import dev.serverlesslab.server.account.LoginThrottle;
import dev.serverlesslab.server.account.Passwords;
import dev.serverlesslab.server.account.Secrets;
import dev.serverlesslab.server.account.SignIn;
import dev.serverlesslab.server.account.StaffPages;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.content.ContentWatcher;
import dev.serverlesslab.server.content.LiveContent;
import dev.serverlesslab.server.content.WatchEvents;
import dev.serverlesslab.server.course.CoursePages;
import dev.serverlesslab.server.dashboard.ClassRecords;
import dev.serverlesslab.server.dashboard.DashboardExports;
import dev.serverlesslab.server.dashboard.DashboardPages;
import dev.serverlesslab.server.dashboard.Regrading;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.draft.DraftPages;
import dev.serverlesslab.server.draft.DraftStore;
import dev.serverlesslab.server.console.ConsolePages;
import dev.serverlesslab.server.console.TestEventStore;
import dev.serverlesslab.server.console.TestRunner;
import dev.serverlesslab.server.exercise.ExercisePage;
import dev.serverlesslab.server.hint.HintPages;
import dev.serverlesslab.server.hint.HintStore;
import dev.serverlesslab.graders.console.TestInvocation;
import dev.serverlesslab.server.submission.CheckHints;
import dev.serverlesslab.server.submission.GradingDeadline;
import dev.serverlesslab.server.progress.ProgressStore;
import dev.serverlesslab.server.progress.ProgressVersions;
import dev.serverlesslab.server.quiz.QuizAnswers;
import dev.serverlesslab.server.quiz.QuizStore;
import dev.serverlesslab.server.submission.GradingQueue;
import dev.serverlesslab.server.submission.JsonEraImport;
import dev.serverlesslab.server.submission.NextStep;
import dev.serverlesslab.server.submission.SubmissionEvents;
import dev.serverlesslab.server.submission.SubmissionLimits;
import dev.serverlesslab.server.submission.SubmissionPages;
import dev.serverlesslab.server.submission.SubmissionStore;
import dev.serverlesslab.server.system.CrossSiteProtection;
import dev.serverlesslab.server.system.ErrorPages;
import dev.serverlesslab.server.system.StartGate;
import dev.serverlesslab.server.system.StaticAssets;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import java.util.function.Supplier;

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

    /** How long a request that comes during the start waits for it before it gets the "starting" page. */
    static final Duration START_PATIENCE = Duration.ofSeconds(5);

    private final Javalin javalin;
    private final GradingQueue queue;
    private final Database database;
    /** What the start imported; completes when the app is ready to serve, or with the reason it cannot. */
    private final CompletableFuture<JsonEraImport.Result> ready;
    /** Set by {@link #close()}, so a start that finishes after it starts nothing more. */
    private final AtomicBoolean closed;
    private final AccountStore accounts;
    private final CohortStore cohorts;
    private final SubmissionEvents events;
    private final Watching watching;

    /** Live reload's parts, or null without {@code --watch}. */
    private record Watching(ContentWatcher watcher, WatchEvents events) {
        void close() {
            watcher.close();
            events.close();
        }
    }

    private WebApp(Javalin javalin, GradingQueue queue, Database database,
            CompletableFuture<JsonEraImport.Result> ready, AtomicBoolean closed, AccountStore accounts,
            CohortStore cohorts, SubmissionEvents events, Watching watching) {
        this.closed = closed;
        this.events = events;
        this.watching = watching;
        this.javalin = javalin;
        this.queue = queue;
        this.database = database;
        this.ready = ready;
        this.accounts = accounts;
        this.cohorts = cohorts;
    }

    /**
     * Loads the course, opens and migrates the database, imports JSON-era submission folders not yet in it, starts the
     * grading workers (re-queuing what a previous run left unfinished) and starts serving; returns when all that is
     * done.
     *
     * @throws dev.serverlesslab.content.ContentException when a lesson, course.yml or exercise folder is broken, naming
     *                                                    file and line
     * @throws dev.serverlesslab.server.database.DatabaseException when the database cannot be reached or migrated
     */
    public static WebApp start(WebAppConfig config) {
        return start(config, Overrides.NONE);
    }

    /** {@link #start(WebAppConfig)} with parts replaced, for tests of this package only (see {@link Overrides}). */
    static WebApp start(WebAppConfig config, Overrides overrides) {
        WebApp app = starting(config, overrides);
        try {
            app.ready.join();
        } catch (CompletionException e) {
            app.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return app;
    }

    /**
     * Starts as {@link #start(WebAppConfig)} does but returns as soon as the server listens: the course loads and the
     * database opens and migrates meanwhile, side by side, and requests that come before they are done wait for them
     * (or, after {@link #START_PATIENCE}, get a "starting" page that asks again). {@link #ready()} says when the app
     * serves, or why it cannot.
     *
     * @throws dev.serverlesslab.server.database.DatabaseException at once for a database URL this app does not speak
     */
    public static WebApp starting(WebAppConfig config) {
        return starting(config, Overrides.NONE);
    }

    static WebApp starting(WebAppConfig config, Overrides overrides) {
        // One thread for the course, one for the database, one to warm the page renderer: the slow parts of a start
        // run side by side while this thread sets up the web server.
        Executor loaders = overrides.startLoaders() != null ? overrides.startLoaders() : loaders();
        Database database = Database.opening(config.databaseUrl(), config.dataDir(), loaders);
        LiveContent content = LiveContent.loading(config.contentDir(),
                config.courseCache() == null ? null : CourseCache.in(config.courseCache()), loaders);
        try {
            return start(config, content, database, overrides, loaders);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Threads that end a second after the start's last task, so nothing needs to shut them down. */
    private static Executor loaders() {
        ThreadPoolExecutor loaders = new ThreadPoolExecutor(3, 3, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "lab-start");
                    thread.setDaemon(true);
                    return thread;
                });
        loaders.allowCoreThreadTimeOut(true);
        return loaders;
    }

    private static WebApp start(WebAppConfig config, LiveContent content, Database database, Overrides overrides,
            Executor loaders) {
        Supplier<Course> course = content::course;
        Supplier<ExerciseCatalog> catalog = content::catalog;
        // Moved by every write that changes what a learner's pages show, so kept lesson pages are sent without SQL.
        ProgressVersions versions = new ProgressVersions();
        SubmissionStore store = new SubmissionStore(database, Clock.systemUTC(), versions);
        ProgressStore progress = new ProgressStore(database, Clock.systemUTC(), versions);
        DraftStore drafts = new DraftStore(database, Clock.systemUTC());
        ClassRecords records = new ClassRecords(database);
        GradingQueue.Grading grading = overrides.grading() != null
                ? overrides.grading() : new Grader(config.backend())::grade;
        // Only the embedded H2 file is this process's alone; on PostgreSQL other web apps or lab workers may grade too.
        // What each exercise is worth, counted from its compiled checks as grading counts them: for pages and deadlines.
        CheckTallies tallies = new CheckTallies();
        GradingQueue queue = new GradingQueue(store, catalog, grading, new GradingDeadline(tallies)::of,
                config.workers(), config.databaseUrl() == null ? GradingQueue.Settings.exclusive()
                        : GradingQueue.Settings.shared());

        AccountStore accounts = null;
        CohortStore cohorts = null;
        Routes.ClassRoutes classRoutes = null;
        if (config.classMode()) {
            Secrets secrets = new Secrets();
            accounts = new AccountStore(database, new Passwords(), Clock.systemUTC());
            cohorts = new CohortStore(database, secrets, Clock.systemUTC());
            classRoutes = new Routes.ClassRoutes(new ClassModeGate(accounts),
                    new AccountPages(accounts, cohorts, new LoginThrottle(Clock.systemUTC())),
                    new StaffPages(accounts, cohorts, secrets));
        }
        // Live reload: the watcher reloads the content on a change, the events route tells open pages.
        Watching watching = config.watch() ? new Watching(ContentWatcher.start(config.contentDir(),
                ContentWatcher.QUIET, content::reload), new WatchEvents(content, config.classMode())) : null;
        StaticAssets staticAssets = new StaticAssets();
        ThymeleafRenderer renderer = watching == null ? new ThymeleafRenderer(staticAssets, (ctx, model) -> { })
                : new ThymeleafRenderer(staticAssets, watching.events()::addToPage);
        // The template engine's first page (its dialects, the layout) is made while the course loads, not in the
        // first request; it needs neither the course nor the database.
        loaders.execute(() -> renderer.render("error/error", Map.of("title", "Starting", "status", 503, "message", "")));
        // Ready to serve once the course has loaded and the database is migrated (side by side), JSON-era folders
        // are imported and the grading workers started: recovered submissions are queued before the first new one can
        // arrive, so grading stays in arrival order.
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<JsonEraImport.Result> ready = CompletableFuture.allOf(content.loaded(), database.ready())
                .handleAsync((loaded, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(failure instanceof CompletionException && failure.getCause()
                                != null ? failure.getCause() : failure);
                    }
                    JsonEraImport.Result imported = new JsonEraImport(store).importFrom(config.dataDir()
                            .resolve("submissions"));
                    if (closed.get()) {
                        throw new CompletionException(new IllegalStateException("the web app was closed while it "
                                + "started"));
                    }
                    queue.start();
                    return imported;
                }, loaders);
        StartGate gate = new StartGate(ready, overrides.startPatience() != null ? overrides.startPatience()
                : START_PATIENCE, renderer);
        SubmissionEvents events = new SubmissionEvents();
        HintStore hintStore = new HintStore(database, Clock.systemUTC());
        HintPages hints = new HintPages(catalog, hintStore, progress);
        // Test console runs use the same backend as gradings, each in an account of its own, on a pool of their own.
        TestRunner testRunner = overrides.console() != null
                ? overrides.console() : new TestInvocation(config.backend())::invoke;
        ConsolePages console = new ConsolePages(catalog, new TestEventStore(database, Clock.systemUTC()), testRunner,
                Clock.systemUTC());
        Routes routes = new Routes(
                new CoursePages(course, catalog, progress,
                        new QuizAnswers(new QuizStore(database, Clock.systemUTC(), versions)), tallies, renderer),
                new ExercisePage(catalog, MarkdownRenderer::new, store, progress, drafts, hints),
                new DraftPages(catalog, drafts),
                new SubmissionPages(catalog, store, queue, new SubmissionLimits(SubmissionLimits.MAX_WAITING,
                        SubmissionLimits.MAX_PER_MINUTE, Clock.systemUTC(), queue::isPending),
                        new NextStep(course, catalog), renderer, events, new CheckHints(store, hintStore)),
                new DashboardPages(course, catalog, records),
                new DashboardExports(course, catalog, records),
                new Regrading(catalog, store, records, queue),
                staticAssets,
                new ErrorPages(),
                new CrossSiteProtection(isLoopback(config.host())),
                () -> Viewer.solo(store.soloLearner()),
                classRoutes,
                new Routes.WorkbenchRoutes(console, hints));
        Path assets = config.contentDir().resolve("assets");
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.http.maxRequestSize = MAX_REQUEST_BYTES;
            javalinConfig.fileRenderer(renderer);
            // Jetty's own sessions (ids, cookie, expiry) with the flags class mode needs; solo mode never opens one.
            javalinConfig.jetty.modifyServletContextHandler(handler -> handler.setSessionHandler(SignIn.sessionHandler()));
            if (config.behindProxy()) {
                // The proxy's X-Forwarded-For/-Proto become the client address and scheme (rate limits, Secure cookie).
                javalinConfig.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new ForwardedRequestCustomizer()));
            }
            javalinConfig.registerPlugin(new GlobalHeadersPlugin(headers -> {
                headers.contentSecurityPolicy(CONTENT_SECURITY_POLICY);
                headers.xContentTypeOptionsNoSniff();
                headers.xFrameOptions(GlobalHeadersConfig.XFrameOptions.DENY);
                headers.referrerPolicy(GlobalHeadersConfig.ReferrerPolicy.SAME_ORIGIN);
            }));
            staticAssets.configure(javalinConfig);
            // Only content/assets is public: exercise folders hold solutions and checks that must never be served.
            if (Files.isDirectory(assets)) {
                javalinConfig.staticFiles.add(files -> {
                    files.hostedPath = "/assets";
                    files.directory = assets.toAbsolutePath().toString();
                    files.location = Location.EXTERNAL;
                });
            }
            // First of all handlers: nothing below runs before the course and the database are there.
            javalinConfig.routes.beforeMatched(gate::check);
            routes.declare(javalinConfig.routes);
            // The console's pool holds no work worth keeping once the server is gone.
            javalinConfig.events.serverStopped(console::close);
            javalinConfig.events.serverStopped(tallies::close);
            if (watching != null) {
                // Behind the same before-handlers as every route: the viewer is known, class mode signs in first.
                javalinConfig.routes.sse("/_watch/events", watching.events()::events);
            }
            if (overrides.viewer() != null) {
                // Registered after the routes' own, so it replaces the solo viewer before any handler runs.
                javalinConfig.routes.beforeMatched(ctx -> Viewer.set(ctx, overrides.viewer().get()));
            }
        });
        try {
            javalin.start(config.host(), config.port());
        } catch (RuntimeException e) {
            closed.set(true);
            if (watching != null) {
                watching.close();
            }
            javalin.stop();
            queue.close();
            events.close();
            tallies.close();
            throw e;
        }
        ready.thenRun(() -> {
            if (closed.get()) {
                return;
            }
            if (overrides.grading() == null) {
                // The backend (the embedded emulator, and DynamoDB Local when the course needs it) starts once pages
                // can be served, beside them, not inside the first learner's grading.
                config.backend().prepareFor(inCourseOrder(course.get(), catalog.get().all()));
            }
            // Counted on one low-priority thread after start-up, so the first pages are not held up; until an
            // exercise is counted its pages show no points rather than a guess.
            tallies.warm(catalog.get().all());
        });
        return new WebApp(javalin, queue, database, ready, closed, accounts, cohorts, events, watching);
    }

    /**
     * The exercises in the order the course's lessons list them (those no lesson lists last), so a backend preparing
     * for the first of them prepares for the one a new learner grades first.
     */
    static List<Exercise> inCourseOrder(Course course, List<Exercise> exercises) {
        List<String> order = course.lessons().stream().flatMap(lesson -> lesson.exercises().stream()).toList();
        return exercises.stream().sorted(Comparator.comparingInt(exercise -> {
            int at = order.indexOf(exercise.id());
            return at < 0 ? Integer.MAX_VALUE : at;
        })).toList();
    }

    /**
     * What tests replace in an app that is otherwise started as in production: who is asking (so staff and student
     * requests can be made without the sign-in of class mode) and how a submission is graded (so a re-grade can be
     * shown without a backend). Package-private: {@code ./lab serve} has no way to set either.
     *
     * @param viewer  asked on every request for its viewer, or null for the solo learner
     * @param grading grades every submission instead of the configured backend's grader, or null
     * @param console  runs the test console's invocations instead of the configured backend, or null
     * @param startLoaders  runs the start's loads (the course, the database, the renderer's warm-up), e.g. held
     *                      until a test has sent its requests; null for threads of the start's own
     * @param startPatience how long a request during the start waits before the "starting" page, or null for
     *                      {@link #START_PATIENCE}
     */
    record Overrides(Supplier<Viewer> viewer, GradingQueue.Grading grading, TestRunner console,
            Executor startLoaders, Duration startPatience) {
        static final Overrides NONE = new Overrides(null, null, null, null, null);

        Overrides(Supplier<Viewer> viewer, GradingQueue.Grading grading) {
            this(viewer, grading, null, null, null);
        }

        Overrides(Supplier<Viewer> viewer, GradingQueue.Grading grading, TestRunner console) {
            this(viewer, grading, console, null, null);
        }

        /** These overrides with the start's loads run by {@code loaders} and requests waiting {@code patience}. */
        Overrides starting(Executor loaders, Duration patience) {
            return new Overrides(viewer, grading, console, loaders, patience);
        }
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

    /**
     * Every HTTP route as "METHOD /path/{param}", for tests that must reach each one (e.g. that none answers an
     * anonymous request with data in class mode), so a route added later is covered without listing it again.
     */
    public List<String> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .toList();
    }

    /** The accounts of class mode (e.g. to create the first admin); empty in solo mode. */
    public Optional<AccountStore> accounts() {
        return Optional.ofNullable(accounts);
    }

    /** The cohorts of class mode; empty in solo mode. */
    public Optional<CohortStore> cohorts() {
        return Optional.ofNullable(cohorts);
    }

    /** How many open pages listen for live reload ({@code /_watch/events}); 0 without {@code --watch}. */
    public int watchListeners() {
        return watching == null ? 0 : watching.events().listeners();
    }

    /**
     * What the start imported from JSON-era submission folders, and what it could not; waits for the start.
     *
     * @throws CompletionException with the reason when the start failed
     */
    public JsonEraImport.Result imported() {
        return ready.join();
    }

    /**
     * Completes when the app serves (the course loaded, the database migrated, the grading workers started), or
     * exceptionally with the {@link dev.serverlesslab.content.ContentException} or
     * {@link dev.serverlesslab.server.database.DatabaseException} that stopped it; requests meanwhile wait for it.
     */
    public CompletableFuture<Void> ready() {
        return ready.thenApply(imported -> null);
    }

    /**
     * Stops serving, stops the grading workers and closes the database; a grading cut short goes back to the queue,
     * for another grader or the next start.
     */
    @Override
    public void close() {
        closed.set(true);
        if (watching != null) {
            // Open event streams would otherwise hold the server's stop until the browsers hang up.
            watching.close();
        }
        javalin.stop();
        events.close();
        try {
            // A start still running would otherwise start the grading workers after they are closed.
            ready.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            // A failed start started no workers; there is nothing more to stop for it.
        }
        queue.close();
        database.close();
    }
}
