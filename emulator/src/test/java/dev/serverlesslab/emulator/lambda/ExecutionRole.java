package dev.serverlesslab.emulator.lambda;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Creates a function's execution role the way the aws CLI tutorials do before create-function: Lambda refuses a role
 * that does not exist or does not trust it.
 */
public final class ExecutionRole {

    /** A trust policy that lets Lambda assume the role. */
    public static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private ExecutionRole() {
    }

    /** Creates role {@code name} in the caller's account and returns its ARN. */
    public static String create(URI endpoint, AwsCredentialsProvider credentials, String name) {
        try (IamClient iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
        }
    }
}
