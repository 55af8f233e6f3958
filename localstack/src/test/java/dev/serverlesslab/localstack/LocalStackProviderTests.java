package dev.serverlesslab.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendProvider;
import dev.serverlesslab.graders.backend.BackendUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** Graders find this module's backend by name through ServiceLoader, as {@code --backend localstack} does. */
class LocalStackProviderTests {

    @Test
    void serviceLoader_findsTheLocalStackProvider_byItsName() {
        List<String> names = ServiceLoader.load(BackendProvider.class).stream()
                .map(provider -> provider.get().name()).toList();

        assertEquals(List.of("localstack"), names);
    }

    @Test
    void optionalBackend_localstack_reachesLocalStackBackend_whichAsksForDocker() {
        org.junit.jupiter.api.Assumptions.assumeTrue(!DockerClientFactory.instance().isDockerAvailable(),
                "a Docker engine answers here: this test checks the answer without one");

        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backend.optional("localstack", AwsAccess.perGradingAccounts(), Map.of()));

        assertTrue(e.getMessage().startsWith("The localstack backend needs a Docker engine"), e.getMessage());
    }

    @Test
    void start_withAnOptionItDoesNotKnow_refusesItByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LocalStackProvider().start(AwsAccess.perGradingAccounts(), Map.of("tag", "x")));

        assertTrue(e.getMessage().contains("only option is image"), e.getMessage());
    }
}
