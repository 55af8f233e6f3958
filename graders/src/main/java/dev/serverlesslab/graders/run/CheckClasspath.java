package dev.serverlesslab.graders.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.build.SdkModules;
import dev.serverlesslab.graders.check.DeployedFunction;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.opentest4j.AssertionFailedError;

/**
 * The class path exercise checks compile against: JUnit Jupiter's API, the check API of this module, Jackson (so
 * checks can read JSON payloads) and every AWS SDK module learners may use (so checks can take SDK clients). Found
 * from where those classes were loaded, so it works from jars and from Maven's target/classes alike; the SDK jars
 * are the ones the build listed, the same files the grader itself runs with.
 */
final class CheckClasspath {

    private CheckClasspath() {
    }

    static List<Path> entries() {
        List<Path> entries = Stream.of(Test.class, Testable.class, AssertionFailedError.class, API.class, DeployedFunction.class,
                        ObjectMapper.class, JsonParser.class, JsonProperty.class)
                .map(CheckClasspath::locationOf)
                .collect(Collectors.toCollection(ArrayList::new));
        entries.addAll(SdkModules.all().jars());
        return entries.stream().distinct().toList();
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + " to compile checks against", e);
        }
    }
}
