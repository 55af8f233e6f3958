package dev.serverlesslab.emulator.apigateway;

import java.util.List;
import java.util.Locale;

/**
 * Applies a REST API's {@code binaryMediaTypes} as AWS does for Lambda proxy integrations
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html): a request body
 * reaches the function base64-encoded only when its {@code Content-Type} is one of them, and a base64 answer is
 * decoded only when the caller's first {@code Accept} type is. Types match exactly or by wildcard ({@code image/*},
 * {@code *}{@code /*}); nothing is binary merely for not being text.
 */
final class BinaryTypes {

    private BinaryTypes() {
    }

    /** Whether a request body of this content type is sent to the function base64-encoded. */
    static boolean isBinary(String contentType, List<String> binaryMediaTypes) {
        return matches(contentType, binaryMediaTypes);
    }

    /** Whether a base64 answer is decoded for a caller sending this {@code Accept} header. */
    static boolean acceptsBinary(String accept, List<String> binaryMediaTypes) {
        String first = accept == null ? null : accept.split(",")[0];
        return matches(first, binaryMediaTypes);
    }

    private static boolean matches(String mediaType, List<String> binaryMediaTypes) {
        String type = mediaType == null ? "" : mediaType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (String binary : binaryMediaTypes) {
            String wanted = binary.toLowerCase(Locale.ROOT);
            if (wanted.equals("*/*") || !type.isEmpty() && (wanted.equals(type)
                    || wanted.endsWith("/*") && type.startsWith(wanted.substring(0, wanted.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
