package dev.serverlesslab.emulator.dynamodb;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request's account reaches DynamoDB Local and back. DynamoDB Local keeps one database per access key id and
 * region, so the account id is sent as the key: every key of an account sees the same tables and none of another's.
 * Its ARNs name a fixed pseudo region and account ({@code arn:aws:dynamodb:ddblocal:000000000000:}); answers get the
 * caller's region and account instead, and ARNs the caller sends back get DynamoDB Local's again.
 */
final class AccountMapping {

    /** The ARN prefix DynamoDB Local writes whatever the key and region. */
    static final String LOCAL_ARN_PREFIX = "arn:aws:dynamodb:ddblocal:000000000000:";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/,\\s]*/");

    private final AccountRegion scope;

    AccountMapping(AccountRegion scope) {
        this.scope = scope;
    }

    /** The {@code Authorization} header with the account id in place of the caller's access key id. */
    String authorization(String authorization) {
        if (authorization == null) {
            return null;
        }
        // DynamoDB Local does not verify signatures; it only reads the key to pick the database.
        return CREDENTIAL.matcher(authorization)
                .replaceFirst(Matcher.quoteReplacement("Credential=" + scope.accountId() + "/"));
    }

    /** A request body with the caller's table and stream ARNs as DynamoDB Local knows them. */
    byte[] toLocal(byte[] body) {
        return replace(body, callerArnPrefix(), LOCAL_ARN_PREFIX);
    }

    /** An answer with DynamoDB Local's ARNs as the caller's region and account. */
    byte[] fromLocal(byte[] body) {
        return replace(body, LOCAL_ARN_PREFIX, callerArnPrefix());
    }

    private String callerArnPrefix() {
        return "arn:aws:dynamodb:" + scope.region() + ":" + scope.accountId() + ":";
    }

    private static byte[] replace(byte[] body, String from, String to) {
        if (body.length == 0) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains(from) ? text.replace(from, to).getBytes(StandardCharsets.UTF_8) : body;
    }
}
