package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.WebApp;
import dev.serverlesslab.server.WebAppConfig;
import dev.serverlesslab.server.submission.GradingWorkers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.Supplier;

/** {@code lab serve}: the web app, grading on the embedded emulator, until Ctrl-C. */
final class ServeCommand {

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    ServeCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("serve", rawArgs, Set.of("port", "host", "content", "data", "workers", "database"),
                Set.of(Confinement.ALLOW_FLAG));
        if (!args.positional().isEmpty()) {
            throw new UsageException("'lab serve' takes no arguments, got " + args.positional());
        }
        Path content = args.directory("content", home.resolve("content"));
        Path data = args.option("data").map(Path::of).orElse(home.resolve("data")).toAbsolutePath().normalize();
        String host = args.option("host").orElse("127.0.0.1");
        int port = args.port("port", 7070);
        int workers = args.number("workers", GradingWorkers.defaultCount(), 0, GradingWorkers.MAX);
        if (workers == 0 && !args.option("database").map(url -> url.toLowerCase(Locale.ROOT)
                .startsWith("jdbc:postgresql:")).orElse(false)) {
            throw new UsageException("--workers 0 means this web app grades nothing and 'lab worker' processes do, "
                    + "which only works on a shared PostgreSQL: add --database jdbc:postgresql://HOST/DB?user=U (the "
                    + "same for the workers), or give at least one worker");
        }
        confinement.get().require("serve", args.flag(Confinement.ALLOW_FLAG), out);
        if (!isLoopback(host)) {
            out.println("WARNING: listening on " + host + ", not just this machine: anyone who can reach it can "
                    + "submit code to run here. Leave out --host to serve on 127.0.0.1 only.");
        }

        out.println("Starting the embedded AWS emulator...");
        Backend backend = Backend.embedded();
        WebApp app;
        try {
            app = WebApp.start(new WebAppConfig(content, data, host, port, backend, workers,
                    args.option("database").orElse(null)));
        } catch (RuntimeException e) {
            backend.close();
            throw new UsageException("the web app could not start: " + e.getMessage());
        }
        String shownHost = host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
        out.println("Serverless Lab is running at http://" + shownHost + ":" + app.port() + "/");
        out.println("Content: " + content + "   Data: " + data + "   Grading workers: " + workers
                + (workers == 0 ? " (start 'lab worker --database ...' processes to grade)" : ""));
        out.println("Database: " + app.databaseDescription());
        app.imported().consoleLines().forEach(out::println);
        out.println("Press Ctrl-C to stop.");
        return EmulatorCommand.blockUntilShutdown(() -> {
            app.close();
            backend.close();
        });
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
