package dev.serverlesslab.emulator.ssm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every version of one parameter, oldest first, its tags, which belong to the parameter, not a version, and its
 * labels, each naming one version (a label moves when it is attached to another).
 *
 * @param labels label to version number
 */
record StoredParameter(List<ParameterVersion> versions, Map<String, String> tags, Map<String, Long> labels) {

    StoredParameter {
        versions = List.copyOf(versions);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A parameter without labels. */
    StoredParameter(List<ParameterVersion> versions, Map<String, String> tags) {
        this(versions, tags, Map.of());
    }

    /** The labels attached to one version, in the order they were attached. */
    List<String> labelsOf(long version) {
        return labels.entrySet().stream().filter(label -> label.getValue() == version).map(Map.Entry::getKey)
                .toList();
    }

    StoredParameter withLabels(Map<String, Long> next) {
        return new StoredParameter(versions, tags, next);
    }

    ParameterVersion latest() {
        return versions.get(versions.size() - 1);
    }

    StoredParameter with(ParameterVersion next) {
        List<ParameterVersion> all = new ArrayList<>(versions);
        all.add(next);
        return new StoredParameter(all, tags, labels);
    }
}
