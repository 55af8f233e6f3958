package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Optional;

/**
 * Which account a request's SigV4 access key id acts in, and whether a request may come without one: the edge asks
 * this before any service sees the request.
 */
public interface AccessKeys {

    /** The account the key acts in; empty when this emulator does not accept the key. */
    Optional<String> accountOf(String accessKeyId);

    /** True when unsigned requests to a service are refused rather than served in the default account. */
    boolean signatureRequired();

    /**
     * LocalStack's convention: a 12-digit key is the account id, so tests can simulate several accounts; any other
     * key (such as {@code test}) acts in the default account, and unsigned requests do too.
     */
    static AccessKeys localStack() {
        return new AccessKeys() {
            @Override
            public Optional<String> accountOf(String accessKeyId) {
                return Optional.of(localStackAccount(accessKeyId));
            }

            @Override
            public boolean signatureRequired() {
                return false;
            }
        };
    }

    /** The account LocalStack maps a key to: the key itself when it is 12 digits, else the default account. */
    static String localStackAccount(String accessKeyId) {
        return accessKeyId != null && accessKeyId.matches("\\d{12}") ? accessKeyId : AccountRegion.DEFAULT_ACCOUNT;
    }
}
