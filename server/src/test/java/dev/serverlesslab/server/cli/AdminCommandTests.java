package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.account.AccountStore;
import dev.serverlesslab.server.account.Passwords;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.database.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab admin create} and the admin that {@code serve --class} creates from the environment. */
class AdminCommandTests {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void create_withThePasswordFromTheEnvironment_makesAnAdminThatSignsIn() {
        int code = command(Map.of("LAB_ADMIN_PASSWORD", PASSWORD), noConsole())
                .run(List.of("create", "--username", "Root", "--data", home.resolve("data").toString()));

        assertEquals(0, code);
        assertTrue(output().contains("Created admin 'root'"), output());
        try (Database database = Database.embedded(home.resolve("data"))) {
            AccountStore accounts = new AccountStore(database, new Passwords(), Clock.systemUTC());
            assertEquals(Role.ADMIN, accounts.verify("root", PASSWORD).orElseThrow().role());
        }
    }

    @Test
    void create_asksTwiceOnTheConsole_andRefusesTwoDifferentPasswords() {
        Deque<String> typed = new ArrayDeque<>(List.of(PASSWORD, PASSWORD + "!"));
        UsageException differ = assertThrows(UsageException.class, () -> command(Map.of(),
                prompt -> Optional.of(typed.removeFirst().toCharArray())).run(List.of("create", "--username", "root")));
        assertTrue(differ.getMessage().contains("differ"), differ.getMessage());

        Deque<String> same = new ArrayDeque<>(List.of(PASSWORD, PASSWORD));
        assertEquals(0, command(Map.of(), prompt -> Optional.of(same.removeFirst().toCharArray()))
                .run(List.of("create", "--username", "root")));
    }

    @Test
    void create_refusesAWeakPassword_withTheRule_andSaysHowWithoutAConsole() {
        UsageException weak = assertThrows(UsageException.class, () -> command(Map.of("LAB_ADMIN_PASSWORD", "admin"),
                noConsole()).run(List.of("create", "--username", "root")));
        assertTrue(weak.getMessage().contains("at least 10 characters"), weak.getMessage());

        UsageException noConsole = assertThrows(UsageException.class, () -> command(Map.of(), noConsole())
                .run(List.of("create", "--username", "root")));
        assertTrue(noConsole.getMessage().contains("LAB_ADMIN_PASSWORD"), noConsole.getMessage());

        UsageException noName = assertThrows(UsageException.class, () -> command(Map.of("LAB_ADMIN_PASSWORD", PASSWORD),
                noConsole()).run(List.of("create")));
        assertTrue(noName.getMessage().contains("--username"), noName.getMessage());
    }

    @Test
    void serveClass_createsTheAdminFromTheEnvironmentOnce_andOtherwiseSaysHowToMakeOne() {
        try (Database database = Database.embedded(home.resolve("data"))) {
            AccountStore accounts = new AccountStore(database, new Passwords(), Clock.systemUTC());
            String none = String.join("\n", ServeCommand.classModeLines(accounts, Optional.empty()));
            assertTrue(none.contains("./lab admin create --username NAME"), none);
            assertFalse(accounts.hasAdmin());

            String created = String.join("\n", ServeCommand.classModeLines(accounts,
                    Optional.of(new String[] {"root", PASSWORD})));
            assertTrue(created.contains("created the admin 'root'"), created);
            String again = String.join("\n", ServeCommand.classModeLines(accounts,
                    Optional.of(new String[] {"other", PASSWORD})));
            assertTrue(again.contains("an admin exists already"), again);
            assertTrue(accounts.findByUsername("other").isEmpty());
        }
    }

    private AdminCommand command(Map<String, String> environment, AdminCommand.PasswordPrompt prompt) {
        return new AdminCommand(home, new PrintStream(out, true, StandardCharsets.UTF_8), environment, prompt);
    }

    private static AdminCommand.PasswordPrompt noConsole() {
        return prompt -> Optional.empty();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
