package dev.serverlesslab.emulator.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LabelParameterVersion and UnlabelParameterVersion on one parameter, by the rules of SSM's "Labeling parameters":
 * at most 10 labels per version; a label names one version and moves when attached to another; letters, digits,
 * {@code . - _}, at most 100 characters, not starting with a digit, {@code aws} or {@code ssm} (such labels are
 * returned as InvalidLabels, not attached).
 */
final class ParameterLabels {

    static final int MAX_PER_VERSION = 10;

    private ParameterLabels() {
    }

    /** What LabelParameterVersion answers, and the parameter it leaves. */
    record Labelled(StoredParameter parameter, List<String> invalid, long version) {
    }

    /** What UnlabelParameterVersion answers, and the parameter it leaves. */
    record Unlabelled(StoredParameter parameter, List<String> removed, List<String> invalid) {
    }

    static Labelled label(StoredParameter stored, Long requestedVersion, List<String> labels) {
        checkCount(labels);
        long version = version(stored, requestedVersion);
        List<String> invalid = new ArrayList<>();
        Map<String, Long> next = new LinkedHashMap<>(stored.labels());
        for (String label : labels) {
            if (!valid(label)) {
                invalid.add(label);
                continue;
            }
            next.remove(label);
            next.put(label, version);
        }
        long attached = next.values().stream().filter(v -> v == version).count();
        if (attached > MAX_PER_VERSION) {
            throw SsmErrors.labelLimitExceeded("A parameter version can have a maximum of ten labels; version "
                    + version + " of " + stored.latest().name() + " would have " + attached);
        }
        return new Labelled(stored.withLabels(next), invalid, version);
    }

    static Unlabelled unlabel(StoredParameter stored, Long requestedVersion, List<String> labels) {
        checkCount(labels);
        if (requestedVersion == null) {
            throw SsmErrors.validation("ParameterVersion is required: name the version to remove the labels from");
        }
        long version = version(stored, requestedVersion);
        Map<String, Long> next = new LinkedHashMap<>(stored.labels());
        List<String> removed = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String label : labels) {
            Long current = next.get(label);
            if (current != null && current == version) {
                next.remove(label);
                removed.add(label);
            } else {
                invalid.add(label);
            }
        }
        return new Unlabelled(stored.withLabels(next), removed, invalid);
    }

    private static long version(StoredParameter stored, Long requested) {
        if (requested == null) {
            return stored.latest().version();
        }
        if (stored.versions().stream().noneMatch(v -> v.version() == requested)) {
            throw SsmErrors.versionNotFound("Systems Manager could not find version " + requested + " of "
                    + stored.latest().name() + "; it has versions 1 to " + stored.latest().version());
        }
        return requested;
    }

    private static void checkCount(List<String> labels) {
        if (labels.isEmpty() || labels.size() > MAX_PER_VERSION) {
            throw SsmErrors.validation("1 validation error detected: Value at 'labels' failed to satisfy constraint: "
                    + "Member must have length between 1 and 10 (got " + labels.size() + ")");
        }
        for (String label : labels) {
            if (label == null || label.isEmpty() || label.length() > 100) {
                throw SsmErrors.validation("1 validation error detected: Value '" + label + "' at 'labels' failed to "
                        + "satisfy constraint: Member must have length between 1 and 100");
            }
        }
    }

    private static boolean valid(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        return label.matches("[A-Za-z0-9._-]+") && !Character.isDigit(label.charAt(0)) && !lower.startsWith("aws")
                && !lower.startsWith("ssm");
    }
}
