package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HandlerNameTests {

    @Test
    void parse_classAndMethod_splitsAtTheLastDoubleColon() throws HandlerLoadException {
        assertEquals(new HandlerName("example.Orders", "handle"), HandlerName.parse("example.Orders::handle"));
    }

    @Test
    void parse_classOnly_hasNoMethod() throws HandlerLoadException {
        HandlerName name = HandlerName.parse("example.Orders");

        assertEquals("example.Orders", name.className());
        assertNull(name.methodName());
    }

    @Test
    void parse_emptyParts_areInvalidWithTheRuntimesMessage() {
        HandlerLoadException error = assertThrows(HandlerLoadException.class, () -> HandlerName.parse("Orders::"));

        assertEquals("Invalid handler: `Orders::'", error.getMessage());
        assertThrows(HandlerLoadException.class, () -> HandlerName.parse("::handle"));
        assertThrows(HandlerLoadException.class, () -> HandlerName.parse(" "));
    }
}
