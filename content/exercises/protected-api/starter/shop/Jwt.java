package shop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a token of the shop's sign-in service: a JWT signed with HMAC-SHA256 (HS256),
 * {@code base64url(header) "." base64url(claims) "." base64url(signature)}. This class only takes a token apart and
 * computes signatures; deciding whether to trust the token is the authorizer's job.
 */
public final class Jwt {

    private static final Pattern CLAIM = Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*(\"([^\"\\\\]*)\"|(-?\\d+))");

    private final String signingInput;
    private final String signature;
    private final Map<String, String> claims;

    private Jwt(String signingInput, String signature, Map<String, String> claims) {
        this.signingInput = signingInput;
        this.signature = signature;
        this.claims = claims;
    }

    /** The token's parts, or empty when {@code token} is not three base64url parts with a JSON object of claims. */
    public static Optional<Jwt> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        String json;
        try {
            json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!json.startsWith("{") || !json.endsWith("}")) {
            return Optional.empty();
        }
        Map<String, String> claims = new LinkedHashMap<>();
        Matcher claim = CLAIM.matcher(json);
        while (claim.find()) {
            claims.put(claim.group(1), claim.group(3) != null ? claim.group(3) : claim.group(4));
        }
        return Optional.of(new Jwt(parts[0] + "." + parts[1], parts[2], claims));
    }

    /** What was signed: the first two parts with the dot between them. */
    public String signingInput() {
        return signingInput;
    }

    /** The third part, the signature as the token carries it (base64url, no padding). */
    public String signature() {
        return signature;
    }

    /** A claim's value as text ({@code sub}, {@code tenant}, {@code exp} in seconds since the epoch...), if present. */
    public Optional<String> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /** The HS256 signature of {@code signingInput} with {@code secret}, base64url without padding, as in a token. */
    public static String hs256(String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
