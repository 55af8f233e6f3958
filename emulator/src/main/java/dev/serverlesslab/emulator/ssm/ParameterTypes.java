package dev.serverlesslab.emulator.ssm;

/** Reads a parameter type from the wire, naming the field when the value is not one of the three types. */
final class ParameterTypes {

    private ParameterTypes() {
    }

    static ParameterType parse(String value, String field) {
        for (ParameterType type : ParameterType.values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        throw SsmErrors.validation(field + " must be String, StringList or SecureString, got " + value);
    }
}
