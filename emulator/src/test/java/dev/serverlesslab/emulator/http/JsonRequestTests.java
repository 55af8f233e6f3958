package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRequestTests {

    private static JsonRequest body(String json) throws Exception {
        return new JsonRequest(new ObjectMapper().readTree(json));
    }

    @Test
    void absentOrNullFields_readAsAbsent() throws Exception {
        JsonRequest request = body("{\"Name\":null}");
        assertNull(request.text("Name"));
        assertNull(request.whole("Limit"));
        assertEquals(List.of(), request.texts("Names"));
        assertEquals(Map.of(), request.stringMap("Context"));
        assertEquals(true, request.bool("Flag", true));
    }

    @Test
    void wrongShapes_failWithSerializationExceptionNamingTheField() throws Exception {
        JsonRequest request = body("{\"Name\":1,\"Names\":[\"a\",2],\"Limit\":1.5,\"Context\":{\"k\":3}}");
        AwsException text = assertThrows(AwsException.class, () -> request.text("Name"));
        assertEquals("SerializationException", text.code());
        assertEquals("Name must be a string", text.getMessage());
        assertThrows(AwsException.class, () -> request.texts("Names"));
        assertThrows(AwsException.class, () -> request.whole("Limit"));
        AwsException context = assertThrows(AwsException.class, () -> request.stringMap("Context"));
        assertEquals("Context.k must be a string", context.getMessage());
    }
}
