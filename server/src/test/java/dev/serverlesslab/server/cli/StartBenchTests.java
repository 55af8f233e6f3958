package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StartBenchTests {

    private static final ObjectMapper JSON = new ObjectMapper();

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
