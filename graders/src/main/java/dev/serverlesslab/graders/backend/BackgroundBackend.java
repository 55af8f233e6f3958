package dev.serverlesslab.graders.backend;

import dev.serverlesslab.exercises.exercise.Exercise;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A backend started on a thread of its own when it is first prepared for or used, so a server can answer pages before
 * the emulator is up; every use waits for the start, and a failed start fails each use with its reason.
 */
final class BackgroundBackend implements Backend {

    private final Supplier<Backend> start;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final CompletableFuture<Backend> started = new CompletableFuture<>();

    BackgroundBackend(Supplier<Backend> start) {
        this.start = start;
    }

    /** Begins the start, once; returns at once. */
    void begin() {
        if (begun.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> {
                try {
                    started.complete(start.get());
                } catch (RuntimeException | Error e) {
                    started.completeExceptionally(e);
                }
            }, "lab-backend-start");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public CompletableFuture<Void> started() {
        begin();
        return started.thenApply(backend -> null);
    }

    private Backend backend() {
        begin();
        try {
            return started.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new BackendUnavailableException("the backend could not start: " + (cause.getMessage() == null
                    ? cause.toString() : cause.getMessage()), cause);
        }
    }

    /** Begins the start, and the backend's own preparations once it is up; returns at once. */
    @Override
    public void prepareFor(Collection<Exercise> exercises) {
        begin();
        started.thenAccept(backend -> backend.prepareFor(exercises));
    }

    @Override
    public String name() {
        return backend().name();
    }

    @Override
    public URI endpoint() {
        return backend().endpoint();
    }

    @Override
    public Optional<URI> endpointOverride() {
        return backend().endpointOverride();
    }

    @Override
    public Duration rolePropagation() {
        return backend().rolePropagation();
    }

    @Override
    public ResourceNaming naming() {
        return backend().naming();
    }

    @Override
    public List<String> refusals(Exercise exercise) {
        return backend().refusals(exercise);
    }

    @Override
    public void gradingStarted(String gradingId) {
        backend().gradingStarted(gradingId);
    }

    @Override
    public void gradingFinished(String gradingId) {
        backend().gradingFinished(gradingId);
    }

    @Override
    public String region() {
        return backend().region();
    }

    @Override
    public Optional<PlatformLog> platformLog() {
        return backend().platformLog();
    }

    @Override
    public Optional<dev.serverlesslab.graders.check.EmulatorTime> time() {
        return backend().time();
    }

    @Override
    public BackendCredentials newAccount() {
        return backend().newAccount();
    }

    @Override
    public BackendCredentials platformAccount() {
        return backend().platformAccount();
    }

    /** Stops the backend; one still starting is stopped once its start is over, which this waits for. */
    @Override
    public void close() {
        if (!begun.get()) {
            return;
        }
        try {
            started.join().close();
        } catch (CompletionException e) {
            // Nothing started, nothing to stop.
        }
    }
}
