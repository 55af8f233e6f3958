package dev.serverlesslab.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code lab} command line: {@code serve}, {@code worker}, {@code grade}, {@code emulator} and the rest. */
public final class Lab {

    static final String USAGE = """
            Usage: ./lab COMMAND [OPTIONS]

            Commands:
              serve      Serve the course in a browser (default http://localhost:7070)
                         --port N (7070)  --host H (127.0.0.1: this machine only)  --content DIR  --data DIR
                         --workers N (one per core: gradings at once, round-robin between learners;
                                      0 with PostgreSQL: grade nothing here, 'lab worker' processes do)
                         --database jdbc:postgresql://HOST/DB?user=U (default: H2 file DATA/database/lab.mv.db)
                         --class: accounts, sign-in and staff pages (create the first admin with 'lab admin')
                         --behind-proxy: trust X-Forwarded-For/-Proto from the HTTPS reverse proxy in front
                         --watch / --no-watch: reload the content and open pages when its files change
                                      (on by default in solo mode, off with --class)
              worker     Grade what a web app stores in PostgreSQL, on this machine, no web (same content as serve)
                         --database jdbc:postgresql://HOST/DB?user=U  [--workers N (one per core)]
                         [--content DIR] [--heartbeat-timeout SECONDS (30: then another worker takes its gradings)]
              admin      lab admin create --username NAME [--display-name NAME] [--data DIR | --database URL]
                         creates a class-mode admin; the password is asked twice, or read from LAB_ADMIN_PASSWORD
              grade      Grade Java sources against an exercise's checks
                         --exercise ID DIR  [--content DIR] [--backend embedded|endpoint|localstack]
                         [--endpoint URL] [--image IMAGE (localstack/localstack:4.14.0; needs Docker)]
                         [--allow-unconfined]
                         reports: [--json FILE] [--junit FILE] [--results-json FILE] [--summary FILE] [--classroom]
                         exit code: 0 all checks pass, 1 some fail, 2 could not grade
              emulator   Run the AWS emulator alone (LocalStack-compatible)
                         --port N (4566)  --host H (127.0.0.1)
              validate   Prove the course works: lessons load, links resolve, Markdown is supported, web
                         statements hold no terminal commands, every solution passes, every starter fails;
                         lists every problem at once  [--content DIR]   exit code: 0 valid, 1 problems
              bench      Time gradings of an exercise's solution, stage by stage
                         [--exercise ID (hello-lambda)] [--runs N (5)]
                         or, with --load N [--workers W] [--database URL [--external-workers K]]: N solutions
                         submitted at once to a web app started here, as N learners; with K, graded by K
                         'lab worker' processes instead of the web app; prints p50/p95 submit→verdict,
                         gradings per minute, any lost
              help       Show this text

            serve, worker, grade (embedded backend), validate and bench run learner or solution code: they say how it is
            confined and refuse (exit code 2) when bubblewrap cannot confine it, unless --allow-unconfined
            accepts the risk.
            """;

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Confinement> confinement;
    private final Map<String, String> environment;

    Lab(Path home, PrintStream out, PrintStream err) {
        this(home, out, err, Confinement::current);
    }

    /** @param confinement how learner code would be confined here; asked only by commands that run it */
    Lab(Path home, PrintStream out, PrintStream err, Supplier<Confinement> confinement) {
        this(home, out, err, confinement, System.getenv());
    }

    /** @param environment the process environment commands read (AWS credentials and region) */
    Lab(Path home, PrintStream out, PrintStream err, Supplier<Confinement> confinement,
            Map<String, String> environment) {
        this.home = home;
        this.out = out;
        this.err = err;
        this.confinement = confinement;
        this.environment = environment;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();
        int code = new Lab(home, System.out, System.err).run(Arrays.asList(args));
        // serve and emulator block in their own command until stopped; every other command is done here.
        System.exit(code);
    }

    /** Runs one command and returns its exit code. */
    int run(List<String> args) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "grade" -> new GradeCommand(home, out, err, confinement, environment).run(rest);
                case "serve" -> new ServeCommand(home, out, confinement).run(rest);
                case "admin" -> new AdminCommand(home, out).run(rest);
                case "worker" -> new WorkerCommand(home, out, confinement).run(rest);
                case "emulator" -> new EmulatorCommand(out).run(rest);
                case "bench" -> new BenchCommand(home, out, confinement).run(rest);
                case "validate" -> new ValidateCommand(home, out, confinement).run(rest);
                default -> throw new UsageException("unknown command '" + command
                        + "'; use serve, worker, grade, validate, emulator, bench or admin");
            };
        } catch (Confinement.Refused e) {
            err.println("lab: " + e.getMessage());
            return 2;
        } catch (UsageException e) {
            err.println("lab: " + e.getMessage());
            err.println("Run './lab help' for the commands and their options.");
            return 2;
        }
    }
}
