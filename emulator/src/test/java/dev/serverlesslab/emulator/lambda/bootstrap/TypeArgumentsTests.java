package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeArgumentsTests {

    @Test
    void of_directImplementation_givesTheDeclaredArguments() {
        assertArrayEquals(new Type[] {String.class, Integer.class},
                TypeArguments.of(Direct.class, RequestHandler.class));
    }

    @Test
    void of_argumentsBoundByASubclass_areResolvedThroughTheHierarchy() {
        Type[] arguments = TypeArguments.of(Concrete.class, RequestHandler.class);

        assertArrayEquals(new Type[] {Long.class, String.class}, arguments);
    }

    @Test
    void of_rawImplementation_hasNoArguments() {
        assertNull(TypeArguments.of(Raw.class, RequestHandler.class));
    }

    static class Direct implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String input, Context context) {
            return input.length();
        }
    }

    abstract static class Base<T> implements RequestHandler<T, String> {
        @Override
        public String handleRequest(T input, Context context) {
            return String.valueOf(input);
        }
    }

    static class Concrete extends Base<Long> {
    }

    @SuppressWarnings("rawtypes")
    static class Raw implements RequestHandler {
        @Override
        public Object handleRequest(Object input, Context context) {
            return Map.of();
        }
    }
}
