package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Loading handlers in this JVM, with the fixtures on the test class path standing in for a task root. */
class HandlerLoaderTests {

    private final HandlerLoader loader = new HandlerLoader(getClass().getClassLoader());

    @Test
    void load_overloads_picksTheLongestSupportedSignatureCountingContext() throws Throwable {
        assertEquals("\"(String, Context)\"", invoke("fixtures.Overloads::pick", "\"x\""));
    }

    @Test
    void load_streamOverload_winsOverAShorterPojoOne() throws Throwable {
        assertEquals("", invoke("fixtures.Overloads::streams", "\"x\""));
    }

    @Test
    void load_requestHandlerClass_deserializesTheDeclaredTypes() throws Throwable {
        String result = invoke("fixtures.GreetingHandler", "{\"name\":\"Ada\"}");

        assertEquals("{\"message\":\"Hello, Ada!\",\"requestId\":\"req-1\"}", result);
    }

    @Test
    void load_staticMethodWithoutContext_needsNoInstance() throws Throwable {
        assertEquals("\"HI!\"", invoke("fixtures.EchoString::shout", "\"hi\""));
    }

    @Test
    void load_voidMethod_answersJsonNull() throws Throwable {
        assertEquals("null", invoke("fixtures.VoidHandler::handle", "{\"a\":1}"));
    }

    @Test
    void load_missingClass_reportsClassNotFound() {
        HandlerLoadException error = assertThrows(HandlerLoadException.class, () -> loader.load("example.Nope"));

        assertEquals("Class not found: example.Nope", error.getMessage());
        assertEquals("java.lang.ClassNotFoundException", error.errorType());
    }

    @Test
    void load_classWithoutHandlerInterface_saysSo() {
        HandlerLoadException error = assertThrows(HandlerLoadException.class,
                () -> loader.load("fixtures.NoInterface"));

        assertEquals("Class does not implement an appropriate handler interface: fixtures.NoInterface",
                error.getMessage());
        assertNull(error.errorType());
    }

    @Test
    void load_methodWithOnlyUnsupportedSignatures_saysNoneFits() {
        HandlerLoadException error = assertThrows(HandlerLoadException.class,
                () -> loader.load("fixtures.Overloads::unsupported"));

        assertEquals("No public method named unsupported with appropriate method signature found on class "
                + "fixtures.Overloads", error.getMessage());
    }

    @Test
    void load_constructorThatThrows_reportsItsExceptionAsTheInitError() {
        HandlerLoadException error = assertThrows(HandlerLoadException.class,
                () -> loader.load("fixtures.ConstructorFails::handle"));

        assertEquals("missing configuration", error.getMessage());
        assertEquals("java.lang.IllegalArgumentException", error.errorType());
    }

    private String invoke(String handler, String event) throws Throwable {
        Invocable invocable = loader.load(handler);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        invocable.invoke(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, context());
        return response.toString(StandardCharsets.UTF_8);
    }

    static Context context() {
        FunctionSettings settings = new FunctionSettings("f", "$LATEST", 128, "/aws/lambda/f", "stream", "h", "/t",
                "127.0.0.1:1");
        NextInvocation invocation = new NextInvocation("req-1", System.currentTimeMillis() + 3000,
                "arn:aws:lambda:us-east-1:000000000000:function:f", "Root=1-a", null, new byte[0]);
        Console discarded = new Console(new ByteArrayOutputStream(), "t");
        return new RuntimeContext(settings, invocation, new ConsoleLogger(discarded));
    }
}
