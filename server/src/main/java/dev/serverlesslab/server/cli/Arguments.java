package dev.serverlesslab.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's options ({@code --name value}, {@code --name=value}, {@code --flag}) and positional arguments. */
final class Arguments {

    private final String command;
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * Parses {@code args}, accepting only the options named; {@code flags} take no value.
     * Anything else is a usage error that names the option and the ones allowed.
     */
    Arguments(String command, List<String> args, Set<String> valued, Set<String> flags) {
        this.command = command;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value (lab " + command + " --" + name + " VALUE)");
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
            } else {
                List<String> allowed = new ArrayList<>();
                valued.forEach(v -> allowed.add("--" + v));
                flags.forEach(f -> allowed.add("--" + f));
                allowed.sort(null);
                throw new UsageException("unknown option --" + name + " for 'lab " + command + "'; allowed: "
                        + String.join(", ", allowed));
            }
        }
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> positional() {
        return List.copyOf(positional);
    }

    /** A port number option, checked to be one a server can bind. */
    int port(String name, int defaultPort) {
        String raw = options.get(name);
        if (raw == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a port number from 0 to 65535, got '" + raw + "'");
        }
    }

    /** A whole-number option within {@code min..max}, or its default. */
    int number(String name, int defaultValue, int min, int max) {
        String raw = options.get(name);
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
        throw new UsageException("--" + name + " must be a number from " + min + " to " + max + ", got '" + raw + "'");
    }

    /** A folder option that must exist, or its default. */
    Path directory(String name, Path defaultDir) {
        Path dir = option(name).map(Path::of).orElse(defaultDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--" + name + " folder does not exist: " + dir);
        }
        return dir;
    }

    String command() {
        return command;
    }
}
