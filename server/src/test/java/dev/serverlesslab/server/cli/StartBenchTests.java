package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartBenchTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bench names the archive the lab script maps for the JDK it runs on, and whether it is there yet. */
    @Test
    void startArchive_isTheAotCacheOnJava25_unlessLabAotIs0_andTheClassDataArchiveBefore(@TempDir Path state)
            throws Exception {
        Files.writeString(state.resolve("start.aot"), "recorded");

        assertEquals("AOT cache present", StartBench.startArchive(25, null, state));
        assertEquals("AOT cache present", StartBench.startArchive(26, "1", state));
        assertEquals("class-data archive absent", StartBench.startArchive(25, "0", state));
        assertEquals("class-data archive absent", StartBench.startArchive(17, null, state));
        Files.writeString(state.resolve("start.jsa"), "recorded");
        assertEquals("class-data archive present", StartBench.startArchive(21, null, state));
    }

    /** Each start's line says where the first grading's time went, from the status the browser polls. */
    @Test
    void stages_nameEachStageThatTookTime() throws Exception {
        String status = """
                {"state": "DONE", "stages": [{"label": "Validate", "millis": 0}, {"label": "Compile", "millis": 401},
                 {"label": "Deploy", "millis": 262}, {"label": "Run checks", "millis": 751}]}""";

        assertEquals("Compile 401, Deploy 262, Run checks 751", StartBench.stages(JSON.readTree(status)));
        assertEquals("no stages reported", StartBench.stages(JSON.readTree("{\"state\": \"FAILED\"}")));
    }
}
