package dev.serverlesslab.emulator.ssm;

import java.util.List;

/** The answer to a lookup of several names: the parameters found and the names that were not. */
public record Lookup(List<Parameter> found, List<String> invalid) {
}
