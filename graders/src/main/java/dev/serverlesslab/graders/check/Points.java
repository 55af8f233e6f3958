package dev.serverlesslab.graders.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many points a check is worth when it passes (a check without it is worth 1). On a class it sets the default for
 * that class's checks; a method's own {@code @Points} wins. Each invocation of a parameterized check is worth them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Points {

    /** The points, zero or more. */
    int value();
}
