package dev.serverlesslab.graders.backend;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.account.IssuedCredentials;
import dev.serverlesslab.exercises.exercise.Exercise;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The emulator module started in-process on a free port: no Docker, nothing to install. It runs in strict mode, so
 * only the credentials it issued for a grading (or for the platform) are accepted.
 */
final class EmbeddedBackend implements Backend {

    private final Emulator emulator;
    private final BackendCredentials platform;

    private EmbeddedBackend(Emulator emulator) {
        this.emulator = emulator;
        this.platform = newAccount();
    }

    /** A free port and strict accounts; the sandbox detected at start unless a caller sets one. */
    static EmulatorConfig config() {
        return EmulatorConfig.defaults().withPort(0).withStrictAccounts(true);
    }

    static EmbeddedBackend start(EmulatorConfig config) {
        return new EmbeddedBackend(Emulator.start(config));
    }

    @Override
    public void prepareFor(Collection<Exercise> exercises) {
        boolean dynamoDb = exercises.stream()
                .anyMatch(exercise -> !exercise.resources().tables().isEmpty() || exercise.sdk().contains("dynamodb"));
        if (dynamoDb) {
            emulator.prepare(List.of("dynamodb"));
        }
        // The first of them without an SDK layer (whose jars exist only once published) is the one a server's first
        // grading most likely deploys: the course's first exercise, or the one a grade command is about to grade.
        exercises.stream().filter(exercise -> exercise.sdk().isEmpty()).findFirst().ifPresent(exercise ->
                emulator.prepareFunction(exercise.runtime(), exercise.firstFunction().memory(),
                        exercise.firstFunction().timeout()));
    }

    @Override
    public BackendCredentials newAccount() {
        IssuedCredentials issued = emulator.accounts().create();
        return new BackendCredentials(issued.accountId(), issued.accessKeyId(), issued.secretAccessKey());
    }

    @Override
    public BackendCredentials platformAccount() {
        return platform;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public URI endpoint() {
        return emulator.endpoint();
    }

    @Override
    public String region() {
        return EmulatorConfig.defaults().region();
    }

    /** The emulator in this JVM keeps the platform's lines apart from the function's output. */
    @Override
    public Optional<PlatformLog> platformLog() {
        return Optional.of(emulator::platformLines);
    }

    /** The emulator in this JVM hands its clock over directly; no function can reach it. */
    @Override
    public Optional<dev.serverlesslab.graders.check.EmulatorTime> time() {
        return Optional.of(new dev.serverlesslab.graders.check.EmulatorTime() {
            @Override
            public java.time.Instant now() {
                return emulator.clock().instant();
            }

            @Override
            public java.time.Instant advance(java.time.Duration amount) {
                return emulator.clock().advance(amount);
            }
        });
    }

    @Override
    public void close() {
        emulator.close();
    }
}
