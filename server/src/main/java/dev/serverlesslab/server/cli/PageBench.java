package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.WebApp;
import dev.serverlesslab.server.WebAppConfig;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.account.SignIn;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lab bench --pages}: how many lesson pages a second the web app serves to one signed-in learner, beside nginx
 * serving the very same bytes as a file, measured by one client ({@link PageLoad}) in one run. The app is started as
 * {@code lab serve --class} starts it (the same {@link WebApp}, in a temporary data folder, with a backend nothing is
 * graded on), a learner account is created and signs in through the login form, and the first lesson of the outline
 * is asked for over C keep-alive connections: fresh (200, rendered for the viewer each time) and with the
 * {@code If-None-Match} a browser sends back (304). Speed is reported here, never asserted in tests.
 */
final class PageBench {

    /** The bar: a lesson page at least half of nginx's requests per second for the same HTML. */
    static final double TARGET_RATIO = 0.5;
    private static final Pattern FIRST_LESSON = Pattern.compile("href=\"(/lessons/[^\"#?]+)\"");

    private final PrintStream out;

    PageBench(PrintStream out) {
        this.out = out;
    }

    /**
     * What to measure.
     *
     * @param seconds       how long each figure is measured, after the warm-up
     * @param connections   keep-alive connections at once
     * @param warmupSeconds the longest warm-up: it ends sooner once the JIT has settled ({@link #settled})
     */
    record Setup(Path content, int seconds, int connections, int warmupSeconds) {
    }

    /** One warm-up round: fresh pages, then 304s, this long each. */
    static final Duration WARM_UP_HALF_ROUND = Duration.ofSeconds(1);
    /** Rounds every warm-up takes, however quiet the JIT is after the first. */
    static final int WARM_UP_MIN_ROUNDS = 3;

    /**
     * How a warm-up went.
     *
     * @param seconds          how long it ran
     * @param requests         requests answered with the status asked for, fresh and 304
     * @param lastRoundJitMillis the JIT's compile time in the last round (this JVM: the client, and the app when it
     *                         is measured), or -1 when the JVM does not report it
     * @param settled          whether it ended because the JIT had settled, not at the longest warm-up
     */
    record WarmUp(double seconds, long requests, long lastRoundJitMillis, boolean settled) {
    }

    /**
     * One server's figures: fresh pages and 304s, and the CPU each measurement took.
     *
     * @param freshCpu       CPU of the fresh pages' measurement, or null when not known
     * @param notModifiedCpu CPU of the 304s' measurement, or null when not known
     */
    record Figures(String server, PageLoad.Result fresh, PageLoad.Result notModified, Cpu freshCpu,
                   Cpu notModifiedCpu) {

        Figures(String server, PageLoad.Result fresh, PageLoad.Result notModified) {
            this(server, fresh, notModified, null, null);
        }
    }

    /**
     * CPU time one measurement took. The client runs in this JVM, and so does the web app when it is measured: the
     * client's share is known from the nginx run, where the JVM is the client alone, so the app's own CPU per request
     * is the JVM's minus the client's, a figure the shared two cores do not blur.
     *
     * @param jvmNanos    this JVM's CPU time (client, and the web app when it is the server)
     * @param serverNanos the server processes' CPU time when the server is another process (nginx), else -1
     */
    record Cpu(long jvmNanos, long serverNanos) {
    }

    int run(Setup setup) {
        ServeCommand.logging(false);
        out.printf(Locale.ROOT, "Page benchmark: one lesson page for a signed-in learner, %d connection(s), %d s per "
                        + "figure (%s, %d cores, load average %.1f at start)%n", setup.connections(), setup.seconds(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path data = BenchCommand.createTemp("lab-bench-pages-");
        // Nothing is graded here: a backend nobody listens on keeps the emulator's start out of the figures.
        Backend backend = Backend.endpoint(URI.create("http://127.0.0.1:9"));
        long start = System.nanoTime();
        WebApp app = WebApp.start(new WebAppConfig(setup.content(), data, "127.0.0.1", 0, backend, 1)
                .inClassMode(false));
        try {
            PageLoad.Response login = new PageLoad(app.port(), "/login", List.of()).once();
            double firstSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "  web app start → first page answered (GET /login, %d): %.2f s (in this JVM; "
                    + "'lab serve' also starts the JVM and the emulator first)%n", login.status(), firstSeconds);
            String cookie = signIn(app);
            String lesson = firstLesson(app.port(), cookie);
            List<String> asLearner = List.of("Cookie: " + cookie);
            PageLoad.Response page = new PageLoad(app.port(), lesson, asLearner).once();
            String etag = page.header("ETag");
            if (page.status() != 200 || etag == null) {
                throw new IllegalStateException("GET " + lesson + " answered " + page.status() + " with ETag " + etag
                        + "; the benchmark needs 200 and an ETag");
            }
            out.printf("  page: %s, %d bytes of HTML, ETag %s%n", lesson, page.body().length, etag);
            Figures ours = measure("web app " + lesson, app.port(), lesson, asLearner, etag, setup, Optional.empty());
            Optional<Path> nginx = NginxServer.find();
            Figures theirs = nginx.isEmpty() ? null : measureNginx(nginx.get(), page.body(), setup);
            if (nginx.isEmpty()) {
                out.println("  nginx not installed, no comparison (Debian/Ubuntu: apt-get install nginx)");
            }
            out.println();
            report(ours, theirs).forEach(out::println);
            return 0;
        } finally {
            app.close();
            backend.close();
            BenchCommand.deleteQuietly(data);
        }
    }

    /** @param server the server's processes when it is not this JVM (nginx), for their CPU time */
    private Figures measure(String name, int port, String path, List<String> headers, String etag, Setup setup,
                            Optional<ProcessHandle> server) {
        PageLoad fresh = new PageLoad(port, path, headers);
        List<String> conditional = new ArrayList<>(headers);
        conditional.add("If-None-Match: " + etag);
        PageLoad notModified = new PageLoad(port, path, conditional);
        Duration time = Duration.ofSeconds(setup.seconds());
        out.printf("  %s: warming up...%n", name);
        WarmUp warm = warmUp(fresh, notModified, setup);
        out.printf(Locale.ROOT, "  %s: warmed up in %.0f s (%,d requests, %.0f per second), %s%n", name,
                warm.seconds(), warm.requests(), warm.requests() / Math.max(warm.seconds(), 1e-9),
                warm.lastRoundJitMillis() < 0 ? "the JVM reports no JIT time"
                        : warm.settled() ? "the JIT settled (" + warm.lastRoundJitMillis() + " ms compiling in the last "
                        + "round)" : "the JIT still compiling at the longest warm-up (" + warm.lastRoundJitMillis()
                        + " ms in the last round; --warmup sets it)");
        Cpu before = cpu(server);
        PageLoad.Result ok = fresh.run(setup.connections(), time, 200);
        Cpu between = cpu(server);
        PageLoad.Result same = notModified.run(setup.connections(), time, 304);
        Cpu after = cpu(server);
        return new Figures(name, ok, same, minus(between, before), minus(after, between));
    }

    /**
     * Fresh pages and 304s in turn, a second each, until a round in which the JIT compiled for at most 2% of the
     * round (at least {@link #WARM_UP_MIN_ROUNDS} rounds), or until the longest warm-up has passed. The app runs in
     * this JVM, and on two cores the C2 compiler still working through Jetty, Javalin and the page's code took about a
     * fifth of the CPU in a measurement that began after a fixed 5 s warm-up, which is not what a class server that
     * has run for a minute spends; nginx has no JIT, so it settles at once (the client's code is warm by then).
     */
    private static WarmUp warmUp(PageLoad fresh, PageLoad notModified, Setup setup) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long longest = Duration.ofSeconds(setup.warmupSeconds()).toNanos();
        long requests = 0;
        long lastRound = -1;
        for (int round = 1; ; round++) {
            long compiledBefore = timed ? jit.getTotalCompilationTime() : 0;
            long roundStart = System.nanoTime();
            requests += fresh.run(setup.connections(), WARM_UP_HALF_ROUND, 200).expected();
            requests += notModified.run(setup.connections(), WARM_UP_HALF_ROUND, 304).expected();
            long roundMillis = (System.nanoTime() - roundStart) / 1_000_000;
            lastRound = timed ? jit.getTotalCompilationTime() - compiledBefore : -1;
            boolean settled = timed && round >= WARM_UP_MIN_ROUNDS && settled(lastRound, roundMillis);
            boolean untimedDone = !timed && round >= WARM_UP_MIN_ROUNDS;
            if (settled || untimedDone || System.nanoTime() - start >= longest) {
                return new WarmUp((System.nanoTime() - start) / 1e9, requests, lastRound, settled);
            }
        }
    }

    /** Whether a round in which the JIT compiled for {@code jitMillis} left it settled: at most 2% of the round. */
    static boolean settled(long jitMillis, long roundMillis) {
        return jitMillis >= 0 && jitMillis * 50 <= roundMillis;
    }

    /** This JVM's CPU time so far, and that of {@code server}'s processes (nginx's master and workers) if any. */
    private static Cpu cpu(Optional<ProcessHandle> server) {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long others = server.map(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root),
                        root.descendants())
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum())
                .orElse(-1L);
        return new Cpu(jvm, others);
    }

    private static Cpu minus(Cpu later, Cpu earlier) {
        return new Cpu(later.jvmNanos() < 0 ? -1 : later.jvmNanos() - earlier.jvmNanos(),
                later.serverNanos() < 0 ? -1 : later.serverNanos() - earlier.serverNanos());
    }

    /** nginx serving the bytes the app sent, as a file, measured like the app. */
    private Figures measureNginx(Path binary, byte[] html, Setup setup) {
        Path root = BenchCommand.createTemp("lab-bench-nginx-root-");
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.write(root.resolve("lesson.html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the page for nginx: " + e.getMessage(), e);
        }
        try (NginxServer nginx = NginxServer.start(binary, root)) {
            PageLoad.Response first = new PageLoad(nginx.port(), "/lesson.html", List.of()).once();
            if (first.status() != 200 || first.body().length != html.length) {
                throw new IllegalStateException("nginx answered " + first.status() + " with " + first.body().length
                        + " bytes instead of the page's " + html.length);
            }
            return measure("nginx " + binary, nginx.port(), "/lesson.html", List.of(), first.header("ETag"), setup,
                    Optional.of(nginx.process()));
        } finally {
            BenchCommand.deleteQuietly(root);
        }
    }

    /**
     * The figures as a table, and the web app's share of nginx's rate against the bar; without nginx, the
     * app's figures alone.
     */
    static List<String> report(Figures ours, Figures nginx) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-28s %12s %12s", "requests per second", "200 (page)", "304"));
        for (Figures figures : nginx == null ? List.of(ours) : List.of(ours, nginx)) {
            lines.add(String.format(Locale.ROOT, "  %-28s %12.0f %12.0f", figures == ours ? "web app" : "nginx",
                    figures.fresh().perSecond(), figures.notModified().perSecond()));
        }
        if (nginx != null) {
            double fresh = ratio(ours.fresh(), nginx.fresh());
            double same = ratio(ours.notModified(), nginx.notModified());
            lines.add(String.format(Locale.ROOT, "  %-28s %11.2fx %11.2fx", "web app / nginx", fresh, same));
            lines.add(String.format(Locale.ROOT, "  lesson page at %.2fx nginx's rate: %s the %.1fx the issue asks for",
                    fresh, fresh >= TARGET_RATIO ? "meets" : "below", TARGET_RATIO));
        }
        if (nginx != null) {
            lines.addAll(cpuReport(ours, nginx));
        }
        for (Figures figures : nginx == null ? List.of(ours) : List.of(ours, nginx)) {
            long other = figures.fresh().other() + figures.notModified().other();
            if (other > 0) {
                lines.add("  " + figures.server() + ": " + other + " answer(s) with another status, not counted");
            }
        }
        return lines;
    }

    /**
     * CPU per request: the JVM's in each run, nginx's own, and the web app's alone (the JVM's in the app run less the
     * client's, which is the JVM's in the nginx run); then the app's share of nginx's requests per CPU-second of the
     * server itself, which the client's cost does not weigh on. Empty when the CPU times are not known.
     */
    static List<String> cpuReport(Figures ours, Figures nginx) {
        if (ours.freshCpu() == null || nginx.freshCpu() == null || ours.freshCpu().jvmNanos() < 0
                || nginx.freshCpu().serverNanos() < 0) {
            return List.of();
        }
        double[] appRun = {perRequest(ours.freshCpu().jvmNanos(), ours.fresh()),
                perRequest(ours.notModifiedCpu().jvmNanos(), ours.notModified())};
        double[] client = {perRequest(nginx.freshCpu().jvmNanos(), nginx.fresh()),
                perRequest(nginx.notModifiedCpu().jvmNanos(), nginx.notModified())};
        double[] server = {perRequest(nginx.freshCpu().serverNanos(), nginx.fresh()),
                perRequest(nginx.notModifiedCpu().serverNanos(), nginx.notModified())};
        double[] app = {appRun[0] - client[0], appRun[1] - client[1]};
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-28s %12s %12s", "CPU per request (µs)", "200 (page)", "304"));
        lines.add(row("client + web app (this JVM)", appRun));
        lines.add(row("client (this JVM, nginx run)", client));
        lines.add(row("nginx's processes", server));
        lines.add(row("web app alone (difference)", app));
        lines.add(String.format(Locale.ROOT, "  %-28s %11.2fx %11.2fx", "per server CPU-second",
                app[0] <= 0 ? 0 : server[0] / app[0], app[1] <= 0 ? 0 : server[1] / app[1]));
        return lines;
    }

    private static String row(String name, double[] micros) {
        return String.format(Locale.ROOT, "  %-28s %12.1f %12.1f", name, micros[0], micros[1]);
    }

    private static double perRequest(long nanos, PageLoad.Result result) {
        return result.expected() + result.other() == 0 ? 0 : nanos / 1000.0 / (result.expected() + result.other());
    }

    private static double ratio(PageLoad.Result ours, PageLoad.Result theirs) {
        return theirs.perSecond() <= 0 ? 0 : ours.perSecond() / theirs.perSecond();
    }

    /** A student account of its own, signed in through POST /login as a browser does; the session cookie. */
    private static String signIn(WebApp app) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        app.accounts().orElseThrow().create("bench-learner", "Bench Learner", Role.STUDENT, null, password, false);
        String origin = "http://127.0.0.1:" + app.port();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(origin + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString("username=bench-learner&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2F"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Optional<String> cookie = response.headers().allValues("Set-Cookie").stream()
                    .filter(value -> value.startsWith(SignIn.COOKIE + "="))
                    .map(value -> value.split(";", 2)[0]).findFirst();
            if (response.statusCode() != 303 || cookie.isEmpty()) {
                throw new IllegalStateException("signing in failed: " + response.statusCode() + " " + response.body());
            }
            return cookie.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign in to the web app: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first lesson the signed-in outline links to. */
    private static String firstLesson(int port, String cookie) {
        PageLoad.Response outline = new PageLoad(port, "/", List.of("Cookie: " + cookie)).once();
        Matcher link = FIRST_LESSON.matcher(new String(outline.body(), StandardCharsets.UTF_8));
        if (outline.status() != 200 || !link.find()) {
            throw new IllegalStateException("the course outline (" + outline.status() + ") links to no lesson");
        }
        return link.group(1);
    }
}
