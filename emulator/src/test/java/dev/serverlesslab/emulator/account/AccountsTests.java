package dev.serverlesslab.emulator.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issuing accounts and keys, and which keys strict and LocalStack-style modes accept. */
class AccountsTests {

    @Test
    void create_givesARandom12DigitAccountAndAKeyThatIsNotTheAccountId() {
        Accounts accounts = new Accounts(true);

        IssuedCredentials first = accounts.create();
        IssuedCredentials second = accounts.create();

        assertTrue(first.accountId().matches("\\d{12}"), first.accountId());
        assertNotEquals("000000000000", first.accountId());
        assertNotEquals(first.accountId(), second.accountId());
        assertTrue(first.accessKeyId().matches("LKIA[A-Z2-7]{16}"), "a random, unguessable key id");
        assertNotEquals(first.accessKeyId(), second.accessKeyId());
        assertFalse(first.accessKeyId().contains(first.accountId()));
        assertTrue(first.secretAccessKey().length() >= 40);
    }

    @Test
    void strict_acceptsOnlyIssuedKeys_eachInItsOwnAccount() {
        Accounts accounts = new Accounts(true);
        IssuedCredentials grading = accounts.create();
        IssuedCredentials another = accounts.issue(grading.accountId());

        assertEquals(Optional.of(grading.accountId()), accounts.accountOf(grading.accessKeyId()));
        assertEquals(Optional.of(grading.accountId()), accounts.accountOf(another.accessKeyId()));
        assertEquals(Optional.empty(), accounts.accountOf("test"));
        assertEquals(Optional.empty(), accounts.accountOf(grading.accountId()), "a bare account id is no key");
        assertEquals(Optional.empty(), accounts.accountOf("000000000000"));
        assertTrue(accounts.signatureRequired());
    }

    @Test
    void notStrict_followsLocalStackForKeysItDidNotIssue() {
        Accounts accounts = new Accounts(false);
        IssuedCredentials issued = accounts.create();

        assertEquals(Optional.of("000000000000"), accounts.accountOf("test"));
        assertEquals(Optional.of("111122223333"), accounts.accountOf("111122223333"));
        assertEquals(Optional.of(issued.accountId()), accounts.accountOf(issued.accessKeyId()));
        assertFalse(accounts.signatureRequired());
    }

    @Test
    void functionCredentials_areOneIssuedKeyPerCreatedAccount_andNoneForOthers() {
        Accounts accounts = new Accounts(true);
        IssuedCredentials grading = accounts.create();

        IssuedCredentials forFunctions = accounts.functionCredentials(grading.accountId()).orElseThrow();

        assertEquals(grading.accountId(), forFunctions.accountId());
        assertNotEquals(grading.accessKeyId(), forFunctions.accessKeyId(), "the grader's own key stays its own");
        assertEquals(forFunctions, accounts.functionCredentials(grading.accountId()).orElseThrow());
        assertEquals(Optional.empty(), accounts.functionCredentials("000000000000"));
    }

    @Test
    void issue_forAnAccountNeverCreated_isRefused() {
        Accounts accounts = new Accounts(true);

        assertThrows(IllegalArgumentException.class, () -> accounts.issue("123456789012"));
    }

    @Test
    void toString_neverShowsTheKeyOrSecret() {
        IssuedCredentials issued = new Accounts(true).create();

        assertFalse(issued.toString().contains(issued.accessKeyId()));
        assertFalse(issued.toString().contains(issued.secretAccessKey()));
    }
}
