package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Reads the check API's annotations ({@link Points}, {@link Hidden}, {@link Hint}) for a test leaf from its method,
 * then its class and the classes around it; a dynamic or parameterized leaf uses the method that produced it.
 */
final class CheckAnnotations {

    /** What a check is worth and how it is shown; the defaults for a check without annotations. */
    record Marks(int points, List<String> hintLevels, boolean hidden) {

        static final Marks DEFAULT = new Marks(1, List.of(), false);
    }

    private final ClassLoader loader;

    CheckAnnotations(ClassLoader loader) {
        this.loader = loader;
    }

    Marks of(TestIdentifier id, TestPlan plan) {
        return method(id, plan).map(CheckAnnotations::marks).orElse(Marks.DEFAULT);
    }

    private static Marks marks(Method method) {
        Points points = method.getAnnotation(Points.class);
        boolean hidden = method.isAnnotationPresent(Hidden.class);
        for (Class<?> type = method.getDeclaringClass(); type != null; type = type.getEnclosingClass()) {
            if (points == null) {
                points = type.getAnnotation(Points.class);
            }
            hidden |= type.isAnnotationPresent(Hidden.class);
        }
        Hint hint = method.getAnnotation(Hint.class);
        // Blank levels say nothing; dropping them keeps "Show hint 2 of 3" true.
        List<String> levels = hint == null ? List.of()
                : Arrays.stream(hint.value()).filter(level -> level != null && !level.isBlank()).toList();
        return new Marks(points == null ? 1 : Math.max(0, points.value()), levels, hidden);
    }

    private Optional<Method> method(TestIdentifier id, TestPlan plan) {
        for (TestIdentifier current = id; current != null; current = plan == null ? null
                : plan.getParent(current).orElse(null)) {
            if (current.getSource().orElse(null) instanceof MethodSource source) {
                return find(source);
            }
        }
        return Optional.empty();
    }

    private Optional<Method> find(MethodSource source) {
        try {
            String parameters = source.getMethodParameterTypes();
            // A check inherited from a base class is reported under the subclass that runs it.
            for (Class<?> type = Class.forName(source.getClassName(), false, loader); type != null;
                 type = type.getSuperclass()) {
                Optional<Method> found = Arrays.stream(type.getDeclaredMethods())
                        .filter(m -> m.getName().equals(source.getMethodName()))
                        .filter(m -> parameters == null || parameters.equals(parameterNames(m)))
                        .findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String parameterNames(Method method) {
        return String.join(", ", Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
    }
}
