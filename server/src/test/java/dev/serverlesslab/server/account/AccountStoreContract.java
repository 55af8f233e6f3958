package dev.serverlesslab.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.database.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the account and cohort stores promise, on whichever database a subclass opens. */
abstract class AccountStoreContract {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;
    private TestDatabase database;
    private AccountStore accounts;
    private CohortStore cohorts;

    abstract TestDatabase openDatabase(Path dir);

    @BeforeEach
    void open() {
        database = openDatabase(dataDir);
        accounts = new AccountStore(database.database(), Passwords.forTests(), Clock.systemUTC());
        cohorts = new CohortStore(database.database(), new Secrets(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void create_lowerCasesTheUsername_andMakesItsLearnerInTheSameTransaction() {
        Account ada = accounts.create("  Ada.L ", "Ada Lovelace", Role.STUDENT, null, PASSWORD, false);

        assertEquals("ada.l", ada.username());
        String handle = database.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT handle FROM learners WHERE id = :id").bind("id", ada.learnerId()).mapTo(String.class).one());
        assertEquals("ada.l", handle);
        assertEquals(ada, accounts.findByUsername("ADA.L").orElseThrow());
        assertEquals(ada, accounts.find(ada.id()).orElseThrow());
    }

    @Test
    void create_refusesTakenBadOrReservedUsernames_andWeakPasswords_leavingNoLearnerBehind() {
        accounts.create("ada", "Ada", Role.STUDENT, null, PASSWORD, false);
        int learners = learnerCount();

        assertTrue(assertThrows(AccountException.class, () -> accounts.create("ADA", "", Role.STUDENT, null,
                PASSWORD, false)).getMessage().contains("is taken"));
        assertTrue(assertThrows(AccountException.class, () -> accounts.create("a b", "", Role.STUDENT, null,
                PASSWORD, false)).getMessage().contains("only letters a-z"));
        assertTrue(assertThrows(AccountException.class, () -> accounts.create("solo", "", Role.STUDENT, null,
                PASSWORD, false)).getMessage().contains("reserved"));
        assertTrue(assertThrows(AccountException.class, () -> accounts.create("bob", "", Role.STUDENT, null,
                "Password123!", false)).getMessage().contains("common password"));
        assertEquals(learners, learnerCount());
    }

    @Test
    void verify_acceptsOnlyTheRightPassword_andNoneForUnknownUsers() {
        accounts.create("ada", "Ada", Role.STUDENT, null, PASSWORD, false);

        assertTrue(accounts.verify("Ada", PASSWORD).isPresent());
        assertTrue(accounts.verify("ada", PASSWORD + " ").isEmpty());
        assertTrue(accounts.verify("nobody", PASSWORD).isEmpty());
        String stored = database.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT password_hash FROM accounts WHERE username = 'ada'").mapTo(String.class).one());
        assertTrue(stored.startsWith("$argon2id$"), "a library's encoded Argon2id hash, not the password: " + stored);
    }

    @Test
    void setPassword_replacesIt_andRecordsWhetherItMustChange() {
        Account ada = accounts.create("ada", "Ada", Role.STUDENT, null, PASSWORD, false);

        accounts.setPassword(ada.id(), "k7qm-x2hp-9rta-wz3n", true);

        assertTrue(accounts.verify("ada", PASSWORD).isEmpty());
        assertTrue(accounts.verify("ada", "k7qm-x2hp-9rta-wz3n").orElseThrow().mustChangePassword());
        assertThrows(AccountException.class, () -> accounts.setPassword(ada.id(), "ada-ada-ada-ada", false));
    }

    @Test
    void cohorts_haveRandomJoinCodes_foundAsTyped_andCanBeClosed() {
        Cohort a = cohorts.create("Group A");
        Cohort b = cohorts.create("Group B");

        assertNotEquals(a.joinCode(), b.joinCode());
        assertTrue(a.joinOpen());
        String typed = " " + a.joinCode().replace("-", "").toLowerCase() + " ";
        assertEquals(a, cohorts.findByJoinCode(typed).orElseThrow());
        assertTrue(cohorts.setJoinOpen(a.id(), false));
        assertFalse(cohorts.find(a.id()).orElseThrow().joinOpen());
        assertEquals(List.of(b, cohorts.find(a.id()).orElseThrow()), cohorts.list());
        assertThrows(AccountException.class, () -> cohorts.create("Group A"));
    }

    @Test
    void listByCohort_andHasAdmin() {
        Cohort a = cohorts.create("Group A");
        accounts.create("bob", "Bob", Role.STUDENT, a.id(), PASSWORD, false);
        accounts.create("ada", "Ada", Role.STUDENT, a.id(), PASSWORD, false);
        accounts.create("eve", "Eve", Role.STUDENT, null, PASSWORD, false);

        assertEquals(List.of("ada", "bob"), accounts.listByCohort(a.id()).stream().map(Account::username).toList());
        assertFalse(accounts.hasAdmin());
        accounts.create("root", "Admin", Role.ADMIN, null, PASSWORD, false);
        assertTrue(accounts.hasAdmin());
    }

    private int learnerCount() {
        return database.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM learners")
                .mapTo(Integer.class).one());
    }
}
