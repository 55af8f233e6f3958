package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.account.Account;
import dev.serverlesslab.server.account.AccountException;
import dev.serverlesslab.server.account.AccountStore;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.WebApp;
import dev.serverlesslab.server.WebAppConfig;
import dev.serverlesslab.server.submission.GradingWorkers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.Locale;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@code lab serve}: the web app, grading on the embedded emulator, until Ctrl-C; solo mode by default, class mode
 * (accounts and sign-in) with {@code --class}.
 */
@Command(name = "serve", description = "Serve the course in a browser (default http://localhost:7070), until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: 7070; 0 picks one).")
    String port;

    @Option(names = "--host", paramLabel = "H", description = {"The interface to listen on (default: 127.0.0.1, this "
            + "machine only). To serve a class on your network give this machine's address, or 0.0.0.0 for every "
            + "interface; with --class behind an HTTPS reverse proxy, its address."})
    String host = "127.0.0.1";

    @Option(names = "--content", paramLabel = "DIR", description = "The course folder (default: ./content).")
    String content;

    @Option(names = "--data", paramLabel = "DIR", description = "Where submissions and progress are kept (default: "
            + "./data; the H2 database file is DATA/database/lab.mv.db).")
    String data;

    @Option(names = "--workers", paramLabel = "N", description = "Gradings at once, round-robin between learners "
            + "(default: one per core); 0 with PostgreSQL: grade nothing here, 'lab worker' processes do.")
    String workers;

    @Option(names = "--database", paramLabel = "URL",
            description = "jdbc:postgresql://HOST/DB?user=U (default: the H2 file under --data).")
    String database;

    @Option(names = "--class", description = "Class mode: accounts, sign-in and staff pages (create the first admin "
            + "with 'lab admin create').")
    boolean classMode;

    @Option(names = "--behind-proxy",
            description = "With --class: trust X-Forwarded-For/-Proto from the HTTPS reverse proxy in front.")
    boolean behindProxy;

    @Option(names = "--watch", description = "Reload the content and open pages when its files change (on by "
            + "default in solo mode, off with --class).")
    boolean watchFlag;

    @Option(names = "--no-watch", description = "Do not reload the content when its files change.")
    boolean noWatch;

    @Option(names = "--verbose", description = "Show the web server's start-up lines (Javalin and Jetty).")
    boolean verbose;

    @Mixin
    AllowUnconfined allowUnconfined;

    @Mixin
    HelpOption help;

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    private final Map<String, String> environment;

    ServeCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this(home, out, confinement, System.getenv());
    }

    /** @param environment where {@code LAB_ADMIN_USERNAME}/{@code LAB_ADMIN_PASSWORD} are read in class mode */
    ServeCommand(Path home, PrintStream out, Supplier<Confinement> confinement, Map<String, String> environment) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        logging(verbose);
        Path content = OptionValues.directory("--content", this.content, home.resolve("content"));
        Path data = (this.data == null ? home.resolve("data") : Path.of(this.data)).toAbsolutePath().normalize();
        int port = OptionValues.port("--port", this.port, 7070);
        int workers = OptionValues.number("--workers", this.workers, GradingWorkers.defaultCount(), 0,
                GradingWorkers.MAX);
        if (workers == 0 && (database == null || !database.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:"))) {
            throw new UsageException("--workers 0 means this web app grades nothing and 'lab worker' processes do, "
                    + "which only works on a shared PostgreSQL: add --database jdbc:postgresql://HOST/DB?user=U (the "
                    + "same for the workers), or give at least one worker");
        }
        if (behindProxy && !classMode) {
            throw new UsageException("--behind-proxy only matters with --class (it makes session cookies Secure and "
                    + "rate limits count the client addresses the proxy forwards)");
        }
        if (watchFlag && noWatch) {
            throw new UsageException("--watch and --no-watch contradict each other: give one of them");
        }
        // An author previewing alone wants edits shown at once; a class server's content changes by deployment.
        boolean watch = classMode ? watchFlag : !noWatch;
        Optional<String[]> admin = classMode ? adminFromEnvironment() : Optional.empty();
        Confinement confined = confinement.get();
        confined.require("serve", allowUnconfined.allowed, out);
        if (!isLoopback(host)) {
            out.println("WARNING: listening on " + host + ", not just this machine: anyone who can reach it can "
                    + "submit code to run here. Leave out --host to serve on 127.0.0.1 only.");
        }

        // The server listens first; the course, the database and then the emulator start behind it, and pages that
        // come meanwhile wait for what they need (WebApp.starting).
        Backend backend = confined.embeddedBackendInBackground();
        WebApp app;
        try {
            WebAppConfig config = new WebAppConfig(content, data, host, port, backend, workers, database);
            if (!"0".equals(System.getProperty("serverlesslab.courseCache"))) {
                config = config.cachingCourseIn(courseCache(home));
            }
            app = WebApp.starting((classMode ? config.inClassMode(behindProxy) : config).watching(watch));
        } catch (RuntimeException e) {
            backend.close();
            throw new UsageException("the web app could not start: " + e.getMessage());
        }
        String shownHost = host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
        out.println("Serverless Lab is running at http://" + shownHost + ":" + app.port() + "/");
        out.println("Content: " + content + "   Data: " + data + "   Grading workers: " + workers
                + (workers == 0 ? " (start 'lab worker --database ...' processes to grade)" : ""));
        out.println("Database: " + app.databaseDescription());
        out.println(watch ? "Live reload: pages follow changes to " + content + (classMode ? "" : " (--no-watch turns "
                + "this off)") : "Live reload: off" + (classMode ? " (--watch turns it on)" : ""));
        try {
            app.ready().join();
            // The emulator starts once pages can be served; gradings wait for it, and a failure ends the server too.
            backend.started().join();
        } catch (CompletionException e) {
            app.close();
            backend.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UsageException("the web app could not start: " + (cause.getMessage() == null ? cause.toString()
                    : cause.getMessage()));
        }
        app.imported().consoleLines().forEach(out::println);
        if (classMode) {
            try {
                classModeLines(app.accounts().orElseThrow(), admin).forEach(out::println);
            } catch (AccountException e) {
                app.close();
                backend.close();
                throw new UsageException(AdminCommand.USERNAME_VARIABLE + "/" + AdminCommand.PASSWORD_VARIABLE
                        + ": " + e.getMessage());
            }
        }
        out.println("Press Ctrl-C to stop.");
        return EmulatorCommand.blockUntilShutdown(() -> {
            app.close();
            backend.close();
        });
    }

    /**
     * Where serve keeps the course it rendered, for the next start to read instead (see {@code CourseCache}): beside
     * the build and the class-data archive, out of the content folder, which is the authors'.
     * {@code -Dserverlesslab.courseCache=0} renders at every start.
     */
    static Path courseCache(Path home) {
        return home.resolve(".lab").resolve("course-cache");
    }

    /**
     * Javalin and Jetty announce their start at INFO with the jars they found; people see one line from us instead,
     * and {@code --verbose} brings theirs back. slf4j-simple reads a logger's level from the system properties when
     * the logger is first made, so this runs before anything starts.
     */
    static void logging(boolean verbose) {
        String level = verbose ? "info" : "warn";
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", level);
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", level);
    }

    /** Both admin variables, neither, or a usage error naming the missing one. */
    private Optional<String[]> adminFromEnvironment() {
        String username = environment.get(AdminCommand.USERNAME_VARIABLE);
        String password = environment.get(AdminCommand.PASSWORD_VARIABLE);
        if (username == null && password == null) {
            return Optional.empty();
        }
        if (username == null || password == null) {
            throw new UsageException("set both " + AdminCommand.USERNAME_VARIABLE + " and "
                    + AdminCommand.PASSWORD_VARIABLE + " to create the first admin at start, or neither");
        }
        return Optional.of(new String[] {username, password});
    }

    /**
     * Class mode at start: creates the admin the environment names when there is none yet, and otherwise says how
     * to create one when none exists.
     */
    static List<String> classModeLines(AccountStore accounts, Optional<String[]> admin) {
        if (accounts.hasAdmin()) {
            return admin.isPresent()
                    ? List.of("Class mode: an admin exists already, so " + AdminCommand.USERNAME_VARIABLE + " and "
                            + AdminCommand.PASSWORD_VARIABLE + " were not used.")
                    : List.of("Class mode: sign in at /login; staff pages at /staff.");
        }
        if (admin.isPresent()) {
            Account created = accounts.create(admin.get()[0], null, Role.ADMIN, null, admin.get()[1], false);
            return List.of("Class mode: created the admin '" + created.username() + "' from "
                    + AdminCommand.USERNAME_VARIABLE + "/" + AdminCommand.PASSWORD_VARIABLE + "; sign in at /login.");
        }
        return List.of("Class mode: there is no admin yet, so nobody can create instructors or cohorts. Stop the "
                + "server and run './lab admin create --username NAME' (same --data or --database), or start it with "
                + AdminCommand.USERNAME_VARIABLE + " and " + AdminCommand.PASSWORD_VARIABLE + " set.");
    }

    /** True when {@code host} names this machine only, so nothing else on the network can connect. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
