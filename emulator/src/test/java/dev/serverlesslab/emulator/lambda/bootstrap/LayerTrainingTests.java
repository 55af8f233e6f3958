package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
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

    @Test
    void run_withoutLayerJars_exercisesNothing() throws Exception {
        assertEquals(0, LayerTraining.run(""));
        assertEquals(0, LayerTraining.run(null));
    }
}
