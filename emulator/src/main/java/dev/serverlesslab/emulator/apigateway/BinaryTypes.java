package dev.serverlesslab.emulator.apigateway;

import java.util.List;
import java.util.Locale;

/**
 * Decides whether a body travels base64-encoded: when its content type is one of the API's binary media types (as
 * AWS decides), or when it is not a text type at all, so that bytes are never mangled by a UTF-8 round trip.
 */
final class BinaryTypes {

    private BinaryTypes() {
    }

    static boolean isBinary(String contentType, List<String> binaryMediaTypes) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (String binary : binaryMediaTypes) {
            String wanted = binary.toLowerCase(Locale.ROOT);
            if (wanted.equals(type) || wanted.equals("*/*")
                    || wanted.endsWith("/*") && type.startsWith(wanted.substring(0, wanted.length() - 1))) {
                return true;
            }
        }
        return !isText(type);
    }

    private static boolean isText(String type) {
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/graphql") || type.equals("application/yaml");
    }
}
