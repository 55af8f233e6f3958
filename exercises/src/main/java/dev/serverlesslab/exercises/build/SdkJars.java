package dev.serverlesslab.exercises.build;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The AWS SDK jars this module was built with, as Maven resolved them: the build writes their paths into the
 * {@code sdk.classpath} resource (maven-dependency-plugin, see this module's pom), so the SDK version is the one the
 * root pom pins and no jar is guessed from a folder layout it does not control.
 */
final class SdkJars {

    static final String RESOURCE = "sdk.classpath";

    /** HTTP clients a layer must not carry: with more than one sync client the SDK will not choose. */
    static final Set<String> EXCLUDED = Set.of("apache-client", "netty-nio-client");

    private final List<Path> jars;

    SdkJars(List<Path> jars) {
        this.jars = List.copyOf(jars);
    }

    /** The jars listed in the resource the build wrote. */
    static SdkJars fromBuild() {
        try (InputStream in = SdkJars.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the list of AWS SDK jars (" + RESOURCE + ") is missing from the "
                        + "exercises module: build it with Maven (./lab or mvn package), which writes it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of AWS SDK jars", e);
        }
    }

    static SdkJars parse(String classpath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classpath.trim().split("[" + File.pathSeparator + "\\n]")) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry.trim()));
            }
        }
        return new SdkJars(jars);
    }

    /**
     * The chosen service jars, every jar that is no service module (the SDK core, its protocols, url-connection-client,
     * and third-party runtime jars such as reactive-streams and slf4j-api), never the excluded HTTP clients.
     *
     * @param services every service module name, so the unchosen ones can be left out
     */
    List<Path> forModules(List<String> chosen, List<String> services) {
        List<Path> selected = new ArrayList<>();
        for (Path jar : jars) {
            String artifact = artifactId(jar);
            boolean unchosenService = services.contains(artifact) && !chosen.contains(artifact);
            if (!unchosenService && !EXCLUDED.contains(artifact)) {
                selected.add(jar);
            }
        }
        for (String module : chosen) {
            if (selected.stream().noneMatch(jar -> artifactId(jar).equals(module))) {
                throw new IllegalStateException("the AWS SDK module " + module + " is not among the jars the build "
                        + "listed in " + RESOURCE + ": add it to the exercises module's pom");
            }
        }
        for (Path jar : selected) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the AWS SDK jar " + jar + " is gone (was the Maven repository "
                        + "cleaned?): rebuild with ./lab or mvn package to fetch it again");
            }
        }
        selected.sort(Comparator.comparing(jar -> jar.getFileName().toString()));
        return List.copyOf(selected);
    }

    /** In a Maven repository a jar sits in {@code <group path>/<artifactId>/<version>/}. */
    static String artifactId(Path jar) {
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        return artifactDir == null ? jar.getFileName().toString() : artifactDir.getFileName().toString();
    }
}
