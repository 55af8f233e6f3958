package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves {@code pkg.Class::method} the way Lambda's Java runtime does: among the public methods of that name, bridge
 * methods last, longer signatures first (a trailing {@link Context} counting one extra), and the first whose
 * parameters form a supported signature wins.
 *
 * <p>Supported: {@code ()}, {@code (Context)}, {@code (I)}, {@code (I, Context)}, and the stream forms
 * {@code (InputStream)}, {@code (OutputStream)}, {@code (InputStream, OutputStream)}, {@code (InputStream, Context)},
 * {@code (OutputStream, Context)}, {@code (InputStream, OutputStream, Context)}.
 */
final class MethodHandlers {

    private static final Comparator<Method> PRIORITY = Comparator
            .comparing(Method::isBridge)
            .thenComparing(Comparator.comparingInt(MethodHandlers::weight).reversed());

    private final Codecs codecs;

    MethodHandlers(Codecs codecs) {
        this.codecs = codecs;
    }

    Invocable select(Class<?> type, String methodName) throws HandlerLoadException {
        List<Method> candidates = candidates(type, methodName);
        for (Method method : candidates) {
            Invocable invocable = bind(type, method);
            if (invocable != null) {
                return invocable;
            }
        }
        throw new HandlerLoadException("No public method named " + methodName
                + " with appropriate method signature found on class " + type.getName(), null, null);
    }

    /** The public methods named {@code methodName}, best first. */
    static List<Method> candidates(Class<?> type, String methodName) {
        List<Method> named = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(methodName)) {
                named.add(method);
            }
        }
        named.sort(PRIORITY);
        return named;
    }

    private static int weight(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean endsWithContext = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
        return parameters.length + (endsWithContext ? 1 : 0);
    }

    /** An invocable for a supported signature, or null so the next overload is tried. */
    private Invocable bind(Class<?> type, Method method) throws HandlerLoadException {
        Class<?>[] p = method.getParameterTypes();
        Type[] generic = method.getGenericParameterTypes();
        switch (p.length) {
            case 0:
                return pojo(type, method, null, false);
            case 1:
                if (p[0] == InputStream.class || p[0] == OutputStream.class) {
                    return stream(type, method, p[0] == InputStream.class, p[0] == OutputStream.class, false);
                }
                return p[0] == Context.class ? pojo(type, method, null, true) : pojo(type, method, generic[0], false);
            case 2:
                if (p[0] == InputStream.class && (p[1] == OutputStream.class || p[1] == Context.class)) {
                    return stream(type, method, true, p[1] == OutputStream.class, p[1] == Context.class);
                }
                if (p[0] == OutputStream.class && p[1] == Context.class) {
                    return stream(type, method, false, true, true);
                }
                if (p[0] != Context.class && p[0] != InputStream.class && p[0] != OutputStream.class
                        && p[1] == Context.class) {
                    return pojo(type, method, generic[0], true);
                }
                return null;
            case 3:
                if (p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class) {
                    return stream(type, method, true, true, true);
                }
                return null;
            default:
                return null;
        }
    }

    private Invocable pojo(Class<?> type, Method method, Type inputType, boolean withContext)
            throws HandlerLoadException {
        Object target = targetFor(type, method);
        Codecs.Reader reader = inputType == null ? null : codecs.reader(inputType);
        Codecs.Writer writer = codecs.writer(method.getGenericReturnType());
        return (event, response, context) -> {
            List<Object> arguments = new ArrayList<>(2);
            if (reader != null) {
                arguments.add(reader.read(event));
            }
            if (withContext) {
                arguments.add(context);
            }
            writer.write(call(method, target, arguments.toArray()), response);
        };
    }

    private Invocable stream(Class<?> type, Method method, boolean in, boolean out, boolean withContext)
            throws HandlerLoadException {
        Object target = targetFor(type, method);
        return (event, response, context) -> {
            List<Object> arguments = new ArrayList<>(3);
            if (in) {
                arguments.add(event);
            }
            if (out) {
                arguments.add(response);
            }
            if (withContext) {
                arguments.add(context);
            }
            call(method, target, arguments.toArray());
            if (!out) {
                response.write("null".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    private static Object targetFor(Class<?> type, Method method) throws HandlerLoadException {
        // A public method of a class that is not itself public is still what the student meant to call.
        method.trySetAccessible();
        return Modifier.isStatic(method.getModifiers()) ? null : HandlerLoader.instantiate(type);
    }

    private static Object call(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }
}
