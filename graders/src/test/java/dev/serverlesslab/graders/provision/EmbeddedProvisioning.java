package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import java.util.function.Consumer;

/**
 * The embedded backend with a provisioner and SDK clients, shared by the provisioning tests of one class: what a
 * test provisions through {@link #provisioned} is torn down again even when its assertions fail.
 */
final class EmbeddedProvisioning implements AutoCloseable {

    private final Backend backend = Backend.embedded();
    /** The provisioner and the tests' own clients act in one grading account, so tests see what was made. */
    private final AwsClients aws = new AwsClients(backend, backend.newAccount());
    private final ServiceClients clients = new ServiceClients(aws);
    private final Provisioner provisioner = new Provisioner(aws);

    Backend backend() {
        return backend;
    }

    ServiceClients clients() {
        return clients;
    }

    Provisioner provisioner() {
        return provisioner;
    }

    /** Provisions the exercise's resources, hands them to {@code check}, then tears them down. */
    void provisioned(Exercise exercise, Consumer<ProvisionedResources> check) {
        ProvisionedResources resources = provisioner.provision(exercise);
        try {
            check.accept(resources);
        } finally {
            provisioner.teardown(resources);
        }
    }

    @Override
    public void close() {
        provisioner.close();
        clients.close();
        backend.close();
    }
}
