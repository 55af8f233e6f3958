package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigV4ScopeTests {

    @Test
    void fromAuthorization_readsTheCredentialScope() {
        Optional<SigV4Scope> scope = SigV4Scope.fromAuthorization("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20250101/eu-central-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc");

        assertEquals(Optional.of(new SigV4Scope("AKIDEXAMPLE", "20250101", "eu-central-1", "dynamodb")), scope);
    }

    @Test
    void fromAuthorization_withoutACredential_isEmpty() {
        assertTrue(SigV4Scope.fromAuthorization("Bearer token").isEmpty());
        assertTrue(SigV4Scope.fromAuthorization(null).isEmpty());
        assertTrue(SigV4Scope.fromAuthorization("AWS4-HMAC-SHA256 Credential=broken/scope").isEmpty());
    }

    @Test
    void accountId_isTheKeyWhenItHasTwelveDigits_elseTheDefaultAccount() {
        assertEquals("111122223333", new SigV4Scope("111122223333", "d", "r", "s").accountId());
        assertEquals(AccountRegion.DEFAULT_ACCOUNT, new SigV4Scope("test", "d", "r", "s").accountId());
    }
}
