package dev.serverlesslab.graders.backend;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The account a person's own credentials act in, asked of the backend's STS ({@code GetCallerIdentity}) once:
 * real AWS answers the account of the key, LocalStack and {@code ./lab emulator} the account they map the key to.
 * The endpoint is null for real AWS, whose STS endpoint the SDK finds from the region.
 */
public final class PersonCredentials {

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider provider;
    private BackendCredentials resolved;

    public PersonCredentials(URI endpoint, String region, AwsCredentialsProvider provider) {
        this.endpoint = endpoint;
        this.region = region;
        this.provider = provider;
    }

    public synchronized BackendCredentials get() {
        if (resolved == null) {
            String account;
            try (StsClient sts = new AwsClients(endpoint, region, new BackendCredentials("unknown", provider))
                    .build(StsClient.builder())) {
                account = sts.getCallerIdentity().account();
            } catch (SdkException e) {
                throw new BackendUnavailableException("could not learn the account of your AWS credentials from "
                        + (endpoint == null ? "AWS STS in " + region : endpoint) + " (STS GetCallerIdentity): " + e.getMessage(), e);
            }
            resolved = new BackendCredentials(account, provider);
        }
        return resolved;
    }
}
