package dev.serverlesslab.graders.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Nudges shown to the student only when the check does not pass, one level at a time: the concept first, then the
 * API to use, last a near-code nudge, e.g. {@code @Hint({"Configuration comes from the environment",
 * "System.getenv(...)", "Read System.getenv(\"TABLE_NAME\") once, outside handleRequest"})}. {@code @Hint("text")}
 * is a hint of one level.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hint {

    /** The hint's levels, from the idea to the code. */
    String[] value();
}
