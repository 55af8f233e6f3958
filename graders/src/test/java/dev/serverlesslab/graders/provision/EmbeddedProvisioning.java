package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.backend.Backend;
import java.util.function.Consumer;

/**
 * The embedded backend with a provisioner and SDK clients, shared by the provisioning tests of one class: what a
 * test provisions through {@link #provisioned} is torn down again even when its assertions fail.
 */
final class EmbeddedProvisioning implements AutoCloseable {

    private final Backend backend = Backend.embedded();
    private final ServiceClients clients = new ServiceClients(backend);
    private final Provisioner provisioner = new Provisioner(backend);

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
