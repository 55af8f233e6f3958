package dev.serverlesslab.server.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code lab bench}'s own options ({@code --name value}, {@code --name=value}, {@code --flag}), parsed here so the
 * command takes its arguments unparsed from whatever front end runs it.
 */
final class BenchArguments {

    static final Set<String> VALUED = Set.of("exercise", "runs", "content", "load", "workers", "database",
            "external-workers", "floor-runs", "seconds", "connections", "warmup");
    static final Set<String> FLAGS = Set.of(Confinement.ALLOW_FLAG, "compare", "help", "pages", "startup");

    private final Map<String, String> options = new HashMap<>();

    BenchArguments(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h")) {
                options.put("help", "true");
                continue;
            }
            if (!arg.startsWith("--") || arg.equals("--")) {
                throw new UsageException("'lab bench' takes no argument '" + arg + "'; see 'lab bench --help'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value (lab bench --" + name + " VALUE)");
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
            } else {
                Set<String> allowed = new TreeSet<>();
                VALUED.forEach(v -> allowed.add("--" + v));
                FLAGS.forEach(f -> allowed.add("--" + f));
                throw new UsageException("unknown option --" + name + " for 'lab bench'; allowed: "
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

    /** The option as a whole number in {@code [min, max]}, or {@code fallback} when absent. */
    int number(String name, int fallback, int min, int max) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number from " + min + " to " + max + ", got '" + raw
                    + "'");
        }
    }

    /** A comma-separated option as a list, without blanks. */
    List<String> list(String name, List<String> fallback) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        List<String> values = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        if (values.isEmpty()) {
            throw new UsageException("--" + name + " needs at least one value");
        }
        return values;
    }
}
