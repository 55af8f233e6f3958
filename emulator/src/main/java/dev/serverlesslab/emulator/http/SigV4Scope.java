package dev.serverlesslab.emulator.http;

import java.util.Optional;

/**
 * The credential scope of a SigV4-signed request ({@code AKID/20250101/us-east-1/lambda/aws4_request}).
 *
 * <p>Only the scope is read: like LocalStack, the emulator routes by it and does not verify signatures.
 */
public record SigV4Scope(String accessKeyId, String date, String region, String service) {

    private static final String CREDENTIAL = "Credential=";

    /** Reads the scope from an {@code Authorization: AWS4-HMAC-SHA256 Credential=...} header. */
    public static Optional<SigV4Scope> fromAuthorization(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int start = authorization.indexOf(CREDENTIAL);
        if (start < 0) {
            return Optional.empty();
        }
        start += CREDENTIAL.length();
        int end = start;
        while (end < authorization.length() && authorization.charAt(end) != ',' && authorization.charAt(end) != ' ') {
            end++;
        }
        return fromCredential(authorization.substring(start, end));
    }

    /**
     * The scope a request is signed with: from its {@code Authorization} header, or for a presigned URL from the
     * {@code X-Amz-Credential} query parameter.
     */
    public static Optional<SigV4Scope> of(AwsRequest request) {
        Optional<SigV4Scope> scope = fromAuthorization(request.header("Authorization"));
        if (scope.isEmpty() && request.rawQuery() != null && request.rawQuery().contains("X-Amz-Credential=")) {
            scope = fromCredential(request.queryParameters().get("X-Amz-Credential"));
        }
        return scope;
    }

    /** Reads the scope from the value of a credential ({@code X-Amz-Credential} of a presigned URL, decoded). */
    public static Optional<SigV4Scope> fromCredential(String credential) {
        if (credential == null) {
            return Optional.empty();
        }
        String[] parts = credential.split("/");
        if (parts.length != 5 || !"aws4_request".equals(parts[4]) || parts[2].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SigV4Scope(parts[0], parts[1], parts[2], parts[3]));
    }

    /**
     * The account this key acts in: LocalStack treats a 12-digit access key id as the account id, so tests can
     * simulate several accounts; any other key acts in the default account.
     */
    public String accountId() {
        return AccessKeys.localStackAccount(accessKeyId);
    }
}
