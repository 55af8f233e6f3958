package dev.serverlesslab.graders.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Optional backends are found by name through ServiceLoader, and a missing one says how to add its module. */
class OptionalBackendsTests {

    /** Registered in this module's test META-INF/services, as the localstack module registers its provider. */
    public static final class RecordingProvider implements BackendProvider {
        static volatile Map<String, String> lastOptions;
        static volatile AwsAccess lastAccess;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Backend start(AwsAccess access, Map<String, String> options) {
            lastAccess = access;
            lastOptions = options;
            return Backend.endpoint(URI.create("http://127.0.0.1:1"), access);
        }
    }

    @Test
    void optional_findsTheProviderByName_andHandsItTheAccessAndOptions() {
        AwsAccess access = new AwsAccess(Optional.of("eu-west-3"), Optional.empty(), "test");

        try (Backend backend = Backend.optional("recording", access, Map.of("image", "x"))) {
            assertEquals("eu-west-3", backend.region());
        }
        assertSame(access, RecordingProvider.lastAccess);
        assertEquals(Map.of("image", "x"), RecordingProvider.lastOptions);
    }

    @Test
    void optional_whenNoModuleOffersTheName_saysHowToAddTheModule() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backend.optional("localstack", AwsAccess.perGradingAccounts(), Map.of()));

        assertTrue(e.getMessage().startsWith("the localstack backend is an optional module that is not on this class "
                + "path: ./lab adds it when given --backend localstack"), e.getMessage());
        assertTrue(e.getMessage().contains("localstack/target/localstack-*.jar"), e.getMessage());
    }
}
