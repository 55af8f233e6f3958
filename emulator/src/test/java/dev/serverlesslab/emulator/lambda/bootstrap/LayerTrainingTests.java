package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.serverlesslab.emulator.lambda.SdkJars;
import java.io.File;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

class LayerTrainingTests {

    /** The trainer builds the clients a handler would: the synchronous one of each service module, not the async one. */
    @Test
    void clientInterfaces_ofAServiceJar_areItsSynchronousClient() throws Exception {
        String ssmJar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.replace(File.separatorChar, '/').contains("/awssdk/ssm/"))
                .findFirst().orElseThrow();

        assertEquals(List.of(SsmClient.class.getName()), LayerTraining.clientInterfaces(ssmJar));
    }

    /** What a waiting environment does: its function's arrival ends the warm-up, and no training value stays set. */
    @Test
    void exerciseClients_sendsOneRequestPerClientUntilAskedToStop() throws Exception {
        String jars = String.join(File.pathSeparator, SdkJars.ssmLayer().stream().map(Object::toString).toList());
        try (URLClassLoader loader = TaskClassLoader.create(System.getProperty("java.io.tmpdir"), jars)) {
            assertEquals(1, LayerTraining.exerciseClients(loader, jars, () -> false));
            assertEquals(0, LayerTraining.exerciseClients(loader, jars, () -> true));
        }
        assertNull(System.getProperty("aws.accessKeyId"));
        assertNull(System.getProperty("aws.region"));
    }

    @Test
    void run_withoutLayerJars_exercisesNothing() throws Exception {
        assertEquals(0, LayerTraining.run(""));
        assertEquals(0, LayerTraining.run(null));
    }
}
