package dev.serverlesslab.graders.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.DeployedFunction;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.opentest4j.AssertionFailedError;

/**
 * The class path exercise checks compile against: JUnit Jupiter's API, the check API of this module, and Jackson
 * (so checks can read JSON payloads). Found from where those classes were loaded, so it works from jars and from
 * Maven's target/classes alike.
 */
final class CheckClasspath {

    private CheckClasspath() {
    }

    static List<Path> entries() {
        return Stream.of(Test.class, Testable.class, AssertionFailedError.class, API.class, DeployedFunction.class,
                        ObjectMapper.class, JsonParser.class, JsonProperty.class)
                .map(CheckClasspath::locationOf)
                .distinct()
                .toList();
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + " to compile checks against", e);
        }
    }
}
