package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * Loads the handler named by {@code _HANDLER} from the task's class loader and readies it, with the errors and messages
 * of Lambda's Java runtime: the class is initialized (static init runs) and the instance created during init.
 */
final class HandlerLoader {

    private final ClassLoader taskLoader;
    private final Codecs codecs;

    HandlerLoader(ClassLoader taskLoader) {
        this.taskLoader = taskLoader;
        this.codecs = new Codecs(taskLoader);
    }

    Invocable load(String handler) throws HandlerLoadException {
        HandlerName name = HandlerName.parse(handler);
        Class<?> type = loadClass(name.className());
        return name.methodName() == null
                ? fromInterface(type)
                : new MethodHandlers(codecs).select(type, name.methodName());
    }

    private Class<?> loadClass(String className) throws HandlerLoadException {
        try {
            return Class.forName(className, true, taskLoader);
        } catch (ClassNotFoundException e) {
            throw new HandlerLoadException("Class not found: " + className, e.getClass().getName(), e);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new HandlerLoadException("Error loading class " + className + ": " + cause,
                    e.getClass().getName(), e);
        } catch (Throwable e) {
            throw new HandlerLoadException("Error loading class " + className
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e.getClass().getName(), e);
        }
    }

    private Invocable fromInterface(Class<?> type) throws HandlerLoadException {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            RequestStreamHandler handler = (RequestStreamHandler) instantiate(type);
            return handler::handleRequest;
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            return fromRequestHandler(type);
        }
        throw new HandlerLoadException("Class does not implement an appropriate handler interface: " + type.getName(),
                null, null);
    }

    @SuppressWarnings("unchecked")
    private Invocable fromRequestHandler(Class<?> type) throws HandlerLoadException {
        Type[] arguments = TypeArguments.of(type, RequestHandler.class);
        if (arguments == null || !concrete(arguments[0]) || !concrete(arguments[1])) {
            throw new HandlerLoadException("Class " + type.getName()
                    + " does not implement RequestHandler with concrete type parameters", null, null);
        }
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instantiate(type);
        Codecs.Reader reader = codecs.reader(arguments[0]);
        Codecs.Writer writer = codecs.writer(arguments[1]);
        return (event, response, context) -> {
            Object input = reader.read(event);
            Object result = handler.handleRequest(input, context);
            writer.write(result, response);
        };
    }

    /** A type variable counts as concrete when bounded by something more specific than Object, as in the runtime. */
    private static boolean concrete(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            for (Type bound : variable.getBounds()) {
                if (bound != Object.class) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Creates the single instance every invocation of this environment shares. */
    static Object instantiate(Class<?> type) throws HandlerLoadException {
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw new HandlerLoadException("Class " + type.getName()
                        + " cannot be instantiated because it is a non-static inner class", e.getClass().getName(), e);
            }
            throw new HandlerLoadException("Class " + type.getName() + " has no public zero-argument constructor",
                    e.getClass().getName(), e);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new HandlerLoadException(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage(),
                    cause.getClass().getName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new HandlerLoadException("Class " + type.getName() + " could not be instantiated: " + e,
                    e.getClass().getName(), e);
        }
    }
}
