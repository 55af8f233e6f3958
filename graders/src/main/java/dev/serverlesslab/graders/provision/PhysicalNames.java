package dev.serverlesslab.graders.provision;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The names one grading gives the resources it creates: {@code lab-<exercise>-<8 hex>-<logical>}, the hex part
 * random per grading so gradings of the same exercise can share a backend.
 * SSM parameters keep the hierarchy the exercise wrote below a prefix unique to the grading,
 * {@code /lab/<8 hex>/...}, so {@code GetParametersByPath} on the prefix finds exactly this grading's parameters.
 *
 * @param exercise the exercise id, shortened so that every name stays within AWS limits (IAM role names: 64)
 */
record PhysicalNames(String root, String exercise, String suffix) {

    private static final int MAX_EXERCISE = 20;

    PhysicalNames(String exercise, String suffix) {
        this("lab", exercise, suffix);
    }

    static PhysicalNames random(String exerciseId, SecureRandom random) {
        return random(exerciseId, random, "lab");
    }

    /** @param root what every name starts with: {@code lab}, or {@code serverless-lab} in a real AWS account */
    static PhysicalNames random(String exerciseId, SecureRandom random, String root) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return of(exerciseId, HexFormat.of().formatHex(bytes), root);
    }

    /** The names with a given suffix, e.g. {@code <8 hex>} for a plan shown before anything is created. */
    static PhysicalNames of(String exerciseId, String suffix, String root) {
        String base = exerciseId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return new PhysicalNames(root, base.length() > MAX_EXERCISE ? base.substring(0, MAX_EXERCISE) : base, suffix);
    }

    /** What every name of this grading starts with, e.g. {@code lab-orders-1a2b3c4d}; also the grading's id. */
    String prefix() {
        return root + "-" + exercise + "-" + suffix;
    }

    String table(String logical) {
        return prefix() + "-" + logical;
    }

    /** A full alias name; {@code alias} is the descriptor's alias without {@code alias/}. */
    String alias(String alias) {
        return "alias/" + prefix() + "-" + alias.replace('/', '-');
    }

    /** The parameter's name below this grading's prefix; {@code name} is as written, with or without a leading '/'. */
    String parameter(String name) {
        return "/" + root + "/" + suffix + (name.startsWith("/") ? name : "/" + name);
    }

    /** S3 bucket names are lowercase letters, digits, '-' and '.', at most 63 characters. */
    String bucket(String logical) {
        String name = (prefix() + "-" + logical).toLowerCase(Locale.ROOT).replace('_', '-');
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    /** A queue or topic name; FIFO ones must end in {@code .fifo}, as AWS requires. */
    String queueOrTopic(String logical, boolean fifo) {
        return prefix() + "-" + logical + (fifo ? ".fifo" : "");
    }

    /** Buses, rules, schedules, state machines and streams: at most 64 characters suits them all. */
    String named(String logical) {
        String name = prefix() + "-" + logical;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** The role Step Functions, EventBridge rules and Scheduler act with. */
    String serviceRole() {
        return prefix() + "-events-role";
    }

    /** A function's name: Lambda allows 64 characters. */
    String function(String logical) {
        return named(logical);
    }

    String role() {
        return prefix() + "-role";
    }

    String api() {
        return prefix() + "-api";
    }
}
