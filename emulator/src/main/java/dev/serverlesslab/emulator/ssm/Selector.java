package dev.serverlesslab.emulator.ssm;

/**
 * A name as GetParameter takes it: {@code /app/key}, {@code /app/key:3} for version 3 or {@code /app/key:prod} for the
 * version labelled {@code prod}.
 *
 * @param version the selected version, or null for the latest or a label
 * @param label the selected label, or null
 * @param suffix {@code :3} or {@code :prod} as the caller wrote it, or null
 */
record Selector(String name, Long version, String label, String suffix) {

    static Selector parse(String nameWithSelector) {
        if (nameWithSelector == null) {
            throw SsmErrors.validation("Name is required: pass a parameter name such as /app/db/password");
        }
        int colon = nameWithSelector.lastIndexOf(':');
        if (colon < 0) {
            return new Selector(nameWithSelector, null, null, null);
        }
        String name = nameWithSelector.substring(0, colon);
        String selected = nameWithSelector.substring(colon + 1);
        if (selected.matches("[0-9]{1,18}")) {
            return new Selector(name, Long.parseLong(selected), null, ":" + selected);
        }
        if (selected.isEmpty() || selected.length() > 100) {
            throw SsmErrors.validation("Selector :" + selected + " in " + nameWithSelector + " is neither a version "
                    + "number nor a label (1 to 100 characters)");
        }
        return new Selector(name, null, selected, ":" + selected);
    }
}
