package dev.serverlesslab.emulator.ssm;

import java.util.List;

/**
 * A parameter value as a reader gets it: decrypted when asked for, and the selector when one was given.
 *
 * @param selector {@code :3} or {@code :prod} when the caller asked for {@code name:3} or {@code name:prod}, otherwise
 *     null
 * @param labels the version's labels, as GetParameterHistory shows them
 */
public record Parameter(ParameterVersion version, String value, String selector, List<String> labels) {

    public Parameter {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The same value with the version's labels. */
    public Parameter withLabels(List<String> versionLabels) {
        return new Parameter(version, value, selector, versionLabels);
    }

    /** A value without its labels. */
    public Parameter(ParameterVersion version, String value, String selector) {
        this(version, value, selector, List.of());
    }
}
