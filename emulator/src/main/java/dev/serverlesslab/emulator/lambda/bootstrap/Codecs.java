package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;

/**
 * Turns event JSON into the handler's declared input type and its result back into JSON, choosing the serializer the
 * Java runtime would: the AWS event serializers for {@code com.amazonaws.services.lambda.runtime.events} types, Jackson
 * (as shaded into aws-lambda-java-serialization) for everything else.
 */
final class Codecs {

    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final ClassLoader taskLoader;

    Codecs(ClassLoader taskLoader) {
        this.taskLoader = taskLoader;
    }

    /** Reads the event as the given type. */
    interface Reader {
        Object read(InputStream event);
    }

    /** Writes the handler's result. */
    interface Writer {
        void write(Object result, OutputStream response) throws IOException;
    }

    /** Built during init, as the Java runtime does, so the first invoke does not pay for Jackson's warm-up. */
    Reader reader(Type type) {
        PojoSerializer<Object> serializer = serializer(type);
        return event -> {
            try {
                return serializer.fromJson(event);
            } catch (RuntimeException e) {
                throw new RuntimeException("An error occurred during JSON parsing", e);
            }
        };
    }

    /** A writer for the declared result type; a void result is written as JSON {@code null}. */
    Writer writer(Type type) {
        if (isVoid(type)) {
            return (result, response) -> response.write(JSON_NULL);
        }
        PojoSerializer<Object> serializer = serializer(type);
        return (result, response) -> {
            try {
                serializer.toJson(result, response);
            } catch (RuntimeException e) {
                throw new RuntimeException("An error occurred during JSON serialization of response", e);
            }
        };
    }

    static boolean isVoid(Type type) {
        return type == void.class || type == Void.class;
    }

    @SuppressWarnings("unchecked")
    private PojoSerializer<Object> serializer(Type type) {
        Type concrete = type;
        if (concrete instanceof TypeVariable<?> variable) {
            concrete = variable.getBounds()[0];
        }
        if (concrete instanceof Class<?> plain && LambdaEventSerializers.isLambdaSupportedEvent(plain.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) plain, taskLoader);
        }
        return JacksonFactory.getInstance().getSerializer(concrete);
    }
}
