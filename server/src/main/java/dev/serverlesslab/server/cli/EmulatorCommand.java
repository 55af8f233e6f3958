package dev.serverlesslab.server.cli;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.graders.backend.AwsAccess;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code lab emulator}: the LocalStack-compatible endpoint on its own, until Ctrl-C. */
final class EmulatorCommand {

    private final PrintStream out;

    EmulatorCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("emulator", rawArgs, Set.of("port", "host", "region"), Set.of());
        if (!args.positional().isEmpty()) {
            throw new UsageException("'lab emulator' takes no arguments, got " + args.positional());
        }
        EmulatorConfig config = new EmulatorConfig(args.option("host").orElse("127.0.0.1"), args.port("port", 4566),
                region(args.option("region").orElse(EmulatorConfig.defaults().region())), null);
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
        out.println("Sandbox:  " + emulator.sandbox());
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
