package dev.serverlesslab.emulator.ssm;

import java.util.List;

/**
 * One entry of ParameterFilters: Type, KeyId and Name (Equals or BeginsWith), and Path (Recursive or OneLevel)
 * for DescribeParameters.
 */
public record ParameterFilter(String key, String option, List<String> values) {

    public ParameterFilter {
        values = List.copyOf(values);
        if (key == null || values.isEmpty()) {
            throw SsmErrors.validation("Each ParameterFilters entry needs a Key and at least one value in Values");
        }
    }

    void checkFor(boolean byPath) {
        List<String> keys = byPath ? List.of("Type", "KeyId") : List.of("Type", "KeyId", "Name", "Path");
        if (!keys.contains(key)) {
            throw SsmErrors.validation("ParameterFilters Key " + key + " is not supported here; use one of "
                    + String.join(", ", keys));
        }
        List<String> options = switch (key) {
            case "Name" -> List.of("Equals", "BeginsWith");
            case "Path" -> List.of("Recursive", "OneLevel");
            default -> List.of("Equals");
        };
        if (option != null && !options.contains(option)) {
            throw SsmErrors.validation("ParameterFilters Option " + option + " is not valid for Key " + key
                    + "; use one of " + String.join(", ", options));
        }
        if ("Type".equals(key)) {
            for (String value : values) {
                ParameterTypes.parse(value, "ParameterFilters Type value");
            }
        }
    }

    boolean matches(ParameterVersion parameter) {
        return switch (key) {
            case "Type" -> values.contains(parameter.type().name());
            case "KeyId" -> parameter.keyId() != null && values.contains(parameter.keyId());
            case "Name" -> values.stream().anyMatch(value -> "BeginsWith".equals(option)
                    ? parameter.name().startsWith(value) : parameter.name().equals(value));
            case "Path" -> values.stream().anyMatch(value -> ParameterNames.under(parameter.name(), value,
                    "Recursive".equals(option)));
            default -> false;
        };
    }
}
