package dev.serverlesslab.emulator.dynamodb;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The jars DynamoDB Local runs from, as the {@code dynamodb-local} module recorded them at build time: they are kept
 * off the emulator's own class path, so the list travels as a resource naming them in the local Maven repository.
 */
final class DynamoDbLocalClasspath {

    /** Written by the dynamodb-local module's pom (property {@code classpath.resource}); keep both in step. */
    static final String RESOURCE = "dev/serverlesslab/dynamodblocal/runtime.classpath";

    private final List<Path> entries;

    DynamoDbLocalClasspath(List<Path> entries) {
        if (entries.isEmpty()) {
            throw new DynamoDbLocalException("DynamoDB Local's class path list " + RESOURCE + " is empty; rebuild "
                    + "the dynamodb-local module (./lab rebuilds after `rm -rf .lab`, or `mvn -B package`)");
        }
        this.entries = List.copyOf(entries);
    }

    /** Reads the list from the class path the emulator was loaded from. */
    static DynamoDbLocalClasspath load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new DynamoDbLocalException("DynamoDB Local's class path list " + RESOURCE + " is not on the "
                        + "emulator's class path; add the dev.serverlesslab:dynamodb-local jar (the emulator's pom "
                        + "depends on it) and build with the whole reactor, e.g. `mvn -B -pl emulator -am package`");
            }
            List<Path> entries = new ArrayList<>();
            entries.add(launcherLocation(loader.getResource(RESOURCE)));
            entries.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).entries());
            return new DynamoDbLocalClasspath(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE + " from the class path", e);
        }
    }

    /**
     * Where the list itself was found, the dynamodb-local jar (or its classes folder in a reactor build): it also
     * holds the launcher the child starts from ({@link DynamoDbLocalCommand#MAIN_CLASS}).
     */
    static Path launcherLocation(URL resource) {
        try {
            if ("jar".equals(resource.getProtocol())) {
                String file = resource.getPath();
                return Path.of(new URI(file.substring(0, file.indexOf("!/"))));
            }
            Path path = Path.of(resource.toURI());
            for (int i = 0; i < RESOURCE.split("/").length; i++) {
                path = path.getParent();
            }
            return path;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new DynamoDbLocalException("Cannot tell which jar holds " + RESOURCE + " (found at " + resource
                    + "); run the emulator with its dependencies as separate jars", e);
        }
    }

    /** Parses the plugin's output: entries joined by the platform's path separator, possibly with line breaks. */
    static DynamoDbLocalClasspath parse(String text) {
        return new DynamoDbLocalClasspath(Arrays.stream(text.split("[" + File.pathSeparator + "\\r\\n]"))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .toList());
    }

    List<Path> entries() {
        return entries;
    }

    /**
     * Fails, naming the first few, when jars the build recorded are gone (e.g. the Maven repository was cleaned),
     * since the child would otherwise die with a bare {@code NoClassDefFoundError}.
     */
    DynamoDbLocalClasspath requireJarsPresent() {
        List<Path> missing = entries.stream().filter(entry -> !Files.exists(entry)).toList();
        if (!missing.isEmpty()) {
            throw new DynamoDbLocalException(missing.size() + " of DynamoDB Local's " + entries.size()
                    + " jars are missing, e.g. " + missing.stream().limit(3).map(Path::toString)
                    .collect(Collectors.joining(", "))
                    + "; rebuild so Maven downloads them again (./lab after `rm -rf .lab`, or `mvn -B package`)");
        }
        return this;
    }

    /** The value for {@code java -cp}. */
    String asArgument() {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
