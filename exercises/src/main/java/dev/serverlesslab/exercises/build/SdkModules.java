package dev.serverlesslab.exercises.build;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AWS SDK for Java v2 service modules an exercise lets its handler use (its {@code sdk:} list), and the jars
 * they take: the chosen service jars plus the SDK's shared runtime, with url-connection-client as the only HTTP
 * client. Learners compile against these jars; the function gets them from a Lambda layer.
 */
public final class SdkModules {

    /**
     * The module names an exercise may list, which are also the SDK's artifact ids. Exactly the services the embedded
     * emulator serves, so every exercise grades the same on every backend.
     */
    public static final List<String> ALLOWED =
            List.of("apigateway", "apigatewayv2", "cloudwatchlogs", "dynamodb", "eventbridge", "kinesis", "kms",
                    "lambda", "s3", "scheduler", "sfn", "sns", "sqs", "ssm");

    private static final SdkModules NONE = new SdkModules(List.of(), List.of());

    private final List<String> names;
    private final List<Path> jars;

    private SdkModules(List<String> names, List<Path> jars) {
        this.names = names;
        this.jars = jars;
    }

    /** No SDK at all: what an exercise without {@code sdk:} gets. */
    public static SdkModules none() {
        return NONE;
    }

    /**
     * The modules named, in a stable order whatever order or repetition the list has.
     *
     * @throws IllegalArgumentException naming the unknown module and the allowed ones
     */
    public static SdkModules of(List<String> moduleNames) {
        Objects.requireNonNull(moduleNames, "moduleNames");
        Set<String> chosen = new TreeSet<>();
        for (String name : moduleNames) {
            if (name == null || !ALLOWED.contains(name)) {
                throw new IllegalArgumentException(problem(name));
            }
            chosen.add(name);
        }
        if (chosen.isEmpty()) {
            return NONE;
        }
        List<String> names = List.copyOf(chosen);
        return new SdkModules(names, SdkJars.fromBuild().forModules(names, ALLOWED));
    }

    /** Every allowed module: what exercise checks compile against. */
    public static SdkModules all() {
        return of(ALLOWED);
    }

    /**
     * Why {@code name} cannot be listed under {@code sdk:}, e.g. for a descriptor error; names the allowed modules.
     */
    public static String problem(String name) {
        return "unknown AWS SDK module '" + name + "': use any of " + String.join(", ", ALLOWED)
                + " (the artifact ids of AWS SDK for Java v2 services the platform serves)";
    }

    /** The module names, sorted and without repeats. */
    public List<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * The jars a handler using these modules needs at compile and run time, sorted by file name; empty for
     * {@link #none()}. Never Apache's or Netty's HTTP client.
     */
    public List<Path> jars() {
        return jars;
    }

    /** The modules for people, e.g. {@code dynamodb+ssm}. */
    public String label() {
        return String.join("+", names);
    }

    /**
     * A SHA-256 of the jars' file names (which carry their versions), in hex: equal for equal module sets built from
     * the same SDK version, different as soon as a version or a module changes. Names a cached layer.
     */
    public String hash() {
        StringBuilder text = new StringBuilder();
        jars.forEach(jar -> text.append(jar.getFileName()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SdkModules modules && modules.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "no SDK modules" : "SDK modules " + label();
    }
}
