package dev.serverlesslab.emulator.lambda.bootstrap;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the type arguments a class gives a generic interface ({@code RequestHandler<I, O>}) through any depth of
 * superclasses and superinterfaces, so input and output can be (de)serialized to the declared types.
 */
final class TypeArguments {

    private TypeArguments() {
    }

    /**
     * @return the arguments, with type variables replaced where a subclass bound them; null when the class reaches the
     *     interface only as a raw type
     */
    static Type[] of(Class<?> type, Class<?> generic) {
        return search(type, generic, Map.of());
    }

    private static Type[] search(Type type, Class<?> generic, Map<TypeVariable<?>, Type> bound) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        Type[] arguments = null;
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            arguments = parameterized.getActualTypeArguments().clone();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = substitute(arguments[i], bound);
                bindings.put(variables[i], arguments[i]);
            }
        } else if (type instanceof Class<?> plain) {
            raw = plain;
        } else {
            return null;
        }
        if (raw == generic) {
            return arguments;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type[] found = search(parent, generic, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : search(superclass, generic, bindings);
    }

    private static Type substitute(Type argument, Map<TypeVariable<?>, Type> bound) {
        if (argument instanceof TypeVariable<?> variable && bound.containsKey(variable)) {
            return bound.get(variable);
        }
        return argument;
    }
}
