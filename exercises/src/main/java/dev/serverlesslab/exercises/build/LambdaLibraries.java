package dev.serverlesslab.exercises.build;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

/**
 * Locates the jars of the AWS Lambda Java libraries that learner handlers compile against.
 */
public final class LambdaLibraries {

    private LambdaLibraries() {
    }

    /**
     * The jars of aws-lambda-java-core and aws-lambda-java-events (with joda-time, which event types such as
     * ScheduledEvent and SNSEvent expose in their fields), and nothing else.
     */
    public static List<Path> compileClasspath() {
        return List.of(coreJar(), eventsJar(), jodaTimeJar());
    }

    static Path coreJar() {
        return jarOf(RequestHandler.class, "aws-lambda-java-core");
    }

    static Path eventsJar() {
        return jarOf(APIGatewayProxyRequestEvent.class, "aws-lambda-java-events");
    }

    static Path jodaTimeJar() {
        return jarOf(org.joda.time.DateTime.class, "joda-time");
    }

    /** What a function that uses event types needs under {@code lib/}: the events library and joda-time. */
    static List<Path> eventsRuntimeJars() {
        return List.of(eventsJar(), jodaTimeJar());
    }

    // The jar is found through the class this module itself was linked against, so its version is the one the root
    // pom pins. Its file name is checked because a shaded or fat jar would put the server's own classes on the
    // learner's class path.
    private static Path jarOf(Class<?> type, String artifact) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot find the jar of " + artifact + ": " + type.getName()
                    + " has no code source; run the platform with its dependencies as separate jars");
        }
        Path jar;
        try {
            jar = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot find the jar of " + artifact + " at " + source.getLocation(), e);
        }
        String name = jar.getFileName().toString();
        if (!Files.isRegularFile(jar) || !name.startsWith(artifact + "-") || !name.endsWith(".jar")) {
            throw new IllegalStateException(type.getName() + " was loaded from " + jar + ", not from an "
                    + artifact + "-<version>.jar: run the platform with its dependencies as separate jars");
        }
        return jar;
    }
}
