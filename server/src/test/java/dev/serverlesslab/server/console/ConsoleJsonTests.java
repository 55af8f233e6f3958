package dev.serverlesslab.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import dev.serverlesslab.graders.console.TestResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's JSON carries compile errors in the shape the editor's lab:diagnostics event takes. */
class ConsoleJsonTests {

    @Test
    void compileErrors_becomeEditorDiagnostics_withFileLineColumnAndSeverity() {
        TestResult failed = new TestResult(TestResult.Outcome.COMPILE_FAILED,
                List.of(new SourceDiagnostic("example/Hello.java", 4, 16, "error", "cannot find symbol")),
                null, null, null, List.of(), "", null, null, 900);

        Map<String, Object> json = ConsoleJson.of(failed);

        assertEquals("COMPILE_FAILED", json.get("outcome"));
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostic = ((List<Map<String, Object>>) json.get("diagnostics")).get(0);
        assertEquals("example/Hello.java", diagnostic.get("file"));
        assertEquals(4L, diagnostic.get("line"));
        assertEquals(16L, diagnostic.get("column"));
        assertEquals("error", diagnostic.get("severity"));
        assertEquals("example/Hello.java:4: error: cannot find symbol", diagnostic.get("text"));
        assertNull(json.get("report"), "nothing ran, so there is no REPORT");
    }
}
