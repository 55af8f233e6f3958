package dev.serverlesslab.emulator.lambda.bootstrap;

/**
 * A handler string split the way Lambda's Java runtime splits it: {@code pkg.Class::method} or just {@code pkg.Class}.
 *
 * @param methodName null for the class form, where the class implements a handler interface
 */
record HandlerName(String className, String methodName) {

    static HandlerName parse(String handler) throws HandlerLoadException {
        if (handler == null || handler.isBlank()) {
            throw invalid(handler);
        }
        int separator = handler.lastIndexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? null : handler.substring(separator + 2);
        if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
            throw invalid(handler);
        }
        return new HandlerName(className, methodName);
    }

    private static HandlerLoadException invalid(String handler) {
        return new HandlerLoadException("Invalid handler: `" + handler + "'", null, null);
    }
}
