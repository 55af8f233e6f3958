package dev.serverlesslab.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of option values that picocli reads as text, so a wrong one is answered with the range or folder a person
 * needs rather than a Java type name.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** A port a server can bind (0 picks a free one), or {@code defaultPort} when the option was not given. */
    static int port(String option, String raw, int defaultPort) {
        if (raw == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException(option + " must be a port number from 0 to 65535, got '" + raw + "'");
    }

    /** A whole number within {@code min..max}, or {@code defaultValue} when the option was not given. */
    static int number(String option, String raw, int defaultValue, int min, int max) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw new UsageException(option + " must be a number from " + min + " to " + max + ", got '" + raw + "'");
    }

    /** A folder that must exist: the option's, or {@code defaultDir}. */
    static Path directory(String option, String raw, Path defaultDir) {
        Path dir = (raw == null ? defaultDir : Path.of(raw)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UsageException(option + " folder does not exist: " + dir);
        }
        return dir;
    }
}
