package dev.serverlesslab.emulator.ssm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** NextToken values: the opaque base64 form of where the previous page stopped. */
final class Tokens {

    private Tokens() {
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
    }

    static long decodeNumber(String token) {
        try {
            return Long.parseLong(decode(token));
        } catch (NumberFormatException e) {
            throw invalid(token);
        }
    }

    private static RuntimeException invalid(String token) {
        return SsmErrors.invalidNextToken("NextToken " + token + " is not one this operation returned; pass the "
                + "NextToken of the previous page unchanged, or leave it out to start over");
    }
}
