package dev.serverlesslab.graders.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A nudge shown to the student only when the check does not pass, e.g. {@code @Hint("Read TABLE_NAME from the environment")}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hint {

    /** The hint text. */
    String value();
}
