package dev.serverlesslab.graders;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Hands gradings fresh accounts of a backend and remembers them, so tests can look into a grading's account. */
final class RecordingAccounts implements Supplier<BackendCredentials> {

    private final Backend backend;
    private final List<BackendCredentials> handedOut = new CopyOnWriteArrayList<>();

    RecordingAccounts(Backend backend) {
        this.backend = backend;
    }

    @Override
    public BackendCredentials get() {
        BackendCredentials account = backend.newAccount();
        handedOut.add(account);
        return account;
    }

    /** The account of the latest grading. */
    BackendCredentials last() {
        return handedOut.get(handedOut.size() - 1);
    }

    List<BackendCredentials> all() {
        return List.copyOf(handedOut);
    }
}
