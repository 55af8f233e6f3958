package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorReportTests {

    @Test
    void of_handlerException_hasLambdasJsonShapeWithCause() {
        IllegalStateException error = new IllegalStateException("order 42 not found",
                new IllegalArgumentException("bad id"));
        error.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("example.Orders", "handle", "Orders.java", 12),
            new StackTraceElement(Bootstrap.class.getName(), "loop", "Bootstrap.java", 80)});
        error.getCause().setStackTrace(new StackTraceElement[0]);

        ErrorReport report = ErrorReport.of(error);

        assertEquals("{\"errorMessage\":\"order 42 not found\",\"errorType\":\"java.lang.IllegalStateException\","
                + "\"stackTrace\":[\"example.Orders.handle(Orders.java:12)\"],\"cause\":{\"errorMessage\":\"bad id\","
                + "\"errorType\":\"java.lang.IllegalArgumentException\",\"stackTrace\":[]}}",
                new String(report.json(), StandardCharsets.UTF_8));
        assertTrue(report.logText().startsWith("order 42 not found: java.lang.IllegalStateException\n"
                + "java.lang.IllegalStateException: order 42 not found\n\tat example.Orders.handle(Orders.java:12)\n"),
                report.logText());
    }

    @Test
    void of_exceptionWithoutMessage_usesTheClassName() {
        ErrorReport report = ErrorReport.of(new NullPointerException());

        assertEquals("java.lang.NullPointerException", report.errorMessage());
    }

    @Test
    void ofInit_withoutErrorType_reportsTheMessageOnly() {
        ErrorReport report = ErrorReport.ofInit(new HandlerLoadException("Invalid handler: `x::'", null, null));

        assertEquals("{\"errorMessage\":\"Invalid handler: `x::'\"}",
                new String(report.json(), StandardCharsets.UTF_8));
        assertEquals("Invalid handler: `x::'\n", report.logText());
    }

    @Test
    void quote_escapesWhatJsonRequires() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", JsonText.quote("a\"b\\c\nd\u0001"));
    }
}
