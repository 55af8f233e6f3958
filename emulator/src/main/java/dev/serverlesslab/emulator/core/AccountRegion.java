package dev.serverlesslab.emulator.core;

import java.util.Objects;

/**
 * The account and region a request acts in; every service keeps its state per value of this pair, as AWS does.
 */
public record AccountRegion(String accountId, String region) {

    /** The account LocalStack uses when the access key does not name one; SDK clients with "test" keys land here. */
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public AccountRegion {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }
}
