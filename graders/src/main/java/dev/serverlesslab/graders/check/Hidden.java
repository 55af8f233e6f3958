package dev.serverlesslab.graders.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a check whose details students do not see: what they read (the web app, JUnit XML, results.json, the
 * Classroom result, the Markdown summary) keeps its name, verdict and points but says "hidden check" instead of its
 * message, hint and output. The full report ({@code lab grade} console and {@code --json}, {@code lab validate})
 * keeps everything for instructors. On a class it hides every check in it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Hidden {
}
