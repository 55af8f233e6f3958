package dev.serverlesslab.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code lab bench} as a picocli command that hands every argument, unparsed, to {@link BenchCommand}, which reads
 * its own options; only {@code --help} is answered here, from the description below.
 */
@Command(name = "bench", description = {"Time gradings of an exercise's solution, stage by stage.",
    "  [--exercise ID (hello-lambda)] [--runs N (5)] [--content DIR] [--allow-unconfined]",
    "or, with --load N [--workers W] [--database URL [--external-workers K]]: N solutions submitted at once to a web "
            + "app started here, as N learners; with K, graded by K 'lab worker' processes instead of the web app; "
            + "prints p50/p95 submit→verdict, gradings per minute, any lost;",
    "or, with --pages [--seconds N] [--connections C] [--warmup N]: lesson pages per second for a signed-in learner "
            + "once the JIT has settled, fresh and "
            + "304, beside nginx serving the same bytes when it is installed;",
    "or, with --startup [--runs N]: './lab serve' started as a command, seconds to its first page and to the first "
            + "hello-lambda grading's verdict."})
final class BenchPassThrough implements Callable<Integer> {

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    @Parameters(paramLabel = "OPTIONS", description = "bench's options, read by bench itself")
    List<String> arguments = new ArrayList<>();

    @Mixin
    HelpOption help;

    BenchPassThrough(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    @Override
    public Integer call() {
        return new BenchCommand(home, out, confinement).run(arguments);
    }
}
