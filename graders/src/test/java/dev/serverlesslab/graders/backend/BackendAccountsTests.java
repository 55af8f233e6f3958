package dev.serverlesslab.graders.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** The accounts backends hand out: one per grading, and a platform account that is none of them. */
class BackendAccountsTests {

    @Test
    void endpointBackend_givesEachGradingARandom12DigitAccount_asLocalStackMapsKeysToAccounts() {
        try (Backend endpoint = Backend.endpoint(URI.create("http://127.0.0.1:4566"))) {
            BackendCredentials first = endpoint.newAccount();
            BackendCredentials second = endpoint.newAccount();

            assertTrue(first.accessKeyId().matches("\\d{12}"), "LocalStack takes a 12-digit key as the account");
            assertEquals(first.accountId(), first.accessKeyId());
            assertNotEquals("000000000000", first.accountId());
            assertNotEquals(first.accountId(), second.accountId());
            assertNotEquals(endpoint.platformAccount().accountId(), first.accountId());
            assertEquals(endpoint.platformAccount(), endpoint.platformAccount(), "one platform account per backend");
        }
    }

    @Test
    void embeddedBackend_issuesKeysThatAreNotTheAccountId_andRefusesTest() {
        try (Backend embedded = Backend.embedded()) {
            BackendCredentials grading = embedded.newAccount();

            assertTrue(grading.accessKeyId().startsWith("LKIA"), "an issued key, not a guessable account id");
            assertNotEquals(grading.accountId(), grading.accessKeyId());
            assertNotEquals(embedded.platformAccount().accountId(), grading.accountId());
            AwsClients asTest = new AwsClients(embedded, new BackendCredentials("000000000000", "test", "test"));
            try (LambdaClient lambda = asTest.lambda(Duration.ofSeconds(5))) {
                LambdaException refused = assertThrows(LambdaException.class, lambda::listFunctions);
                assertEquals("UnrecognizedClientException", refused.awsErrorDetails().errorCode());
            }
        }
    }

    @Test
    void toString_showsTheAccountButNeitherKeyNorSecret() {
        BackendCredentials credentials = new BackendCredentials("123456789012", "LKIAABCDEFGHIJKLMNOP", "s3cret");

        assertTrue(credentials.toString().contains("123456789012"));
        assertFalse(credentials.toString().contains("LKIAABCDEFGHIJKLMNOP"));
        assertFalse(credentials.toString().contains("s3cret"));
    }
}
