package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Turns event JSON into the handler's declared input type and its result back into JSON, choosing the serializer the
 * Java runtime would: the function's own {@link CustomPojoSerializer} when its code names one in
 * {@code META-INF/services}, for every type; otherwise the AWS event serializers for
 * {@code com.amazonaws.services.lambda.runtime.events} types and Jackson (as shaded into aws-lambda-java-serialization,
 * which reads records through their canonical constructor) for everything else.
 */
final class Codecs {

    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final ClassLoader taskLoader;
    /** The function's own serializer, or null; looked up once, from the task's class loader, as the runtime does. */
    private final CustomPojoSerializer custom;

    Codecs(ClassLoader taskLoader) {
        this.taskLoader = taskLoader;
        this.custom = customSerializer(taskLoader);
    }

    /**
     * The one {@link CustomPojoSerializer} the function's code provides, or null. Like Lambda's Java runtime, more than
     * one provider is an init error.
     */
    static CustomPojoSerializer customSerializer(ClassLoader taskLoader) {
        Iterator<CustomPojoSerializer> providers =
                ServiceLoader.load(CustomPojoSerializer.class, taskLoader).iterator();
        if (!providers.hasNext()) {
            return null;
        }
        CustomPojoSerializer first = providers.next();
        if (providers.hasNext()) {
            throw new IllegalStateException(
                    "Too many serializers provided inside the META-INF/services folder, only one is allowed");
        }
        return first;
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
        if (custom != null) {
            return new CustomSerializer(custom, type);
        }
        Type concrete = type;
        if (concrete instanceof TypeVariable<?> variable) {
            concrete = variable.getBounds()[0];
        }
        if (concrete instanceof Class<?> plain && LambdaEventSerializers.isLambdaSupportedEvent(plain.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) plain, taskLoader);
        }
        return JacksonFactory.getInstance().getSerializer(concrete);
    }

    /** The function's serializer behind the interface the rest of the bootstrap uses, bound to one declared type. */
    private record CustomSerializer(CustomPojoSerializer serializer, Type type) implements PojoSerializer<Object> {

        @Override
        public Object fromJson(InputStream input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public Object fromJson(String input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public void toJson(Object value, OutputStream output) {
            serializer.toJson(value, output, type);
        }
    }
}
