package dev.serverlesslab.emulator.ssm;

/** The three kinds of parameter value; the names are the wire values. */
public enum ParameterType {
    String,
    StringList,
    SecureString
}
