package dev.serverlesslab.emulator.ssm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every version of one parameter, oldest first, and its tags, which belong to the parameter, not a version. */
record StoredParameter(List<ParameterVersion> versions, Map<String, String> tags) {

    StoredParameter {
        versions = List.copyOf(versions);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    ParameterVersion latest() {
        return versions.get(versions.size() - 1);
    }

    StoredParameter with(ParameterVersion next) {
        List<ParameterVersion> all = new ArrayList<>(versions);
        all.add(next);
        return new StoredParameter(all, tags);
    }
}
