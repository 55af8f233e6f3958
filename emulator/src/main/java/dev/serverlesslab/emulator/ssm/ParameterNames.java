package dev.serverlesslab.emulator.ssm;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Locale;
import java.util.regex.Pattern;

/** The naming rules of parameters: what a valid name is, its ARN, and which names lie under a path. */
final class ParameterNames {

    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
    private static final int MAX_LENGTH = 2048;
    private static final int MAX_DEPTH = 15;

    private ParameterNames() {
    }

    static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw SsmErrors.validation("Name is required: pass a parameter name such as /app/db/password");
        }
        if (name.length() > MAX_LENGTH || !ALLOWED.matcher(name).matches()) {
            throw SsmErrors.validation("Parameter name " + name + " is not valid: use at most " + MAX_LENGTH
                    + " letters, digits and the symbols . - _ with / between the parts of a path");
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw SsmErrors.validation("Parameter name " + name + " must be a fully qualified name: a path "
                    + "starts with /, e.g. /" + name);
        }
        String first = name.startsWith("/") ? name.substring(1) : name;
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ssm")) {
            throw SsmErrors.validation("Parameter name " + name + " can't be prefixed with \"aws\" or \"ssm\" "
                    + "(case-insensitive); those names are reserved by AWS");
        }
        if (name.chars().filter(c -> c == '/').count() > MAX_DEPTH) {
            throw SsmErrors.hierarchyLevelLimit("Parameter name " + name + " has more than " + MAX_DEPTH
                    + " levels of hierarchy; use a shallower path");
        }
    }

    /** True for names beginning with aws or ssm (case-insensitive, after a leading /): only AWS writes those. */
    static boolean reserved(String name) {
        if (name == null) {
            return false;
        }
        String lower = (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
        return lower.startsWith("aws") || lower.startsWith("ssm");
    }

    static void checkPath(String path) {
        if (path == null || !path.startsWith("/") || !ALLOWED.matcher(path).matches()) {
            throw SsmErrors.validation("Path must start with / and hold only letters, digits and . - _ /, got "
                    + path + "; e.g. /app/prod");
        }
    }

    /** True when name lies under path: directly below it, or anywhere below when recursive. */
    static boolean under(String name, String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return false;
        }
        return recursive || name.indexOf('/', prefix.length()) < 0;
    }

    static String arn(AccountRegion scope, String name) {
        return "arn:aws:ssm:" + scope.region() + ":" + scope.accountId() + ":parameter"
                + (name.startsWith("/") ? name : "/" + name);
    }
}
