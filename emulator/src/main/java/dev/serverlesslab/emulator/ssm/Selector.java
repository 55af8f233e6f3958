package dev.serverlesslab.emulator.ssm;

/**
 * A name as GetParameter takes it: {@code /app/key} or {@code /app/key:3} for version 3.
 *
 * @param version the selected version, or null for the latest
 * @param suffix {@code :3} as the caller wrote it, or null
 */
record Selector(String name, Long version, String suffix) {

    static Selector parse(String nameWithSelector) {
        if (nameWithSelector == null) {
            throw SsmErrors.validation("Name is required: pass a parameter name such as /app/db/password");
        }
        int colon = nameWithSelector.lastIndexOf(':');
        if (colon < 0) {
            return new Selector(nameWithSelector, null, null);
        }
        String name = nameWithSelector.substring(0, colon);
        String selected = nameWithSelector.substring(colon + 1);
        if (!selected.matches("[0-9]{1,18}")) {
            throw SsmErrors.validation("Selector :" + selected + " in " + nameWithSelector + " is not a version "
                    + "number; Serverless Lab's emulator supports name:version only, not labels");
        }
        return new Selector(name, Long.parseLong(selected), ":" + selected);
    }
}
