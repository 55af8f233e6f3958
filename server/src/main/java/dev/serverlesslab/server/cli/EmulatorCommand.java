package dev.serverlesslab.server.cli;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.graders.backend.AwsAccess;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lab emulator}: the LocalStack-compatible endpoint on its own, until Ctrl-C. */
@Command(name = "emulator", description = "Run the AWS emulator alone (LocalStack-compatible), until Ctrl-C.")
final class EmulatorCommand implements Callable<Integer> {

    private final PrintStream out;

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: 4566; 0 picks one).")
    String port;

    @Option(names = "--host", paramLabel = "H",
            description = "The interface to listen on (default: 127.0.0.1, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--region", paramLabel = "R",
            description = "The region for requests whose signature names none (default: us-east-1).")
    String region = EmulatorConfig.defaults().region();

    @Option(names = "--verbose", description = "Show the web server's start-up lines.")
    boolean verbose;

    @Mixin
    HelpOption help;

    EmulatorCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ServeCommand.logging(verbose);
        EmulatorConfig config = new EmulatorConfig(host, OptionValues.port("--port", port, EmulatorConfig.DEFAULT_PORT),
                region(region), null);
        if (!ServeCommand.isLoopback(config.host())) {
            out.println("WARNING: listening on " + config.host() + ", not just this machine: anyone who can reach it "
                    + "can deploy and run code here. Leave out --host to listen on 127.0.0.1 only.");
        }
        Emulator emulator;
        try {
            emulator = Emulator.start(config);
        } catch (RuntimeException e) {
            throw new UsageException("the emulator could not start on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage() + " (is the port in use? choose another with --port)");
        }
        out.println("Serverless Lab emulator listening on " + emulator.endpoint());
        out.println("Region:   " + config.region() + " (for requests whose signature names none)");
        out.println("Services: " + String.join(", ", emulator.services()));
        out.println("Sandbox:  " + emulator.sandbox().description());
        out.println("Health:   " + emulator.endpoint().resolve("/_localstack/health"));
        out.println("Try:      aws --endpoint-url " + emulator.endpoint() + " lambda list-functions");
        out.println("Press Ctrl-C to stop.");
        return blockUntilShutdown(emulator::close);
    }

    private static String region(String region) {
        try {
            return AwsAccess.requireRegion(region);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--region: " + e.getMessage());
        }
    }

    /** Waits for Ctrl-C (SIGINT/SIGTERM), then runs the cleanup once. */
    static int blockUntilShutdown(Runnable cleanup) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cleanup.run();
            stopped.countDown();
        }, "lab-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
