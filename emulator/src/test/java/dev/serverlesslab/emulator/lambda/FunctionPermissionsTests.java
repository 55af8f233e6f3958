package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.Counter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource policy rules without HTTP in between. */
class FunctionPermissionsTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");

    @TempDir
    Path workDir;
    private LambdaBackend backend;
    private FunctionPermissions permissions;

    @BeforeEach
    void start() {
        Path runtime = workDir.resolve("runtime");
        backend = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
        permissions = backend.permissions();
        backend.createFunction(SCOPE, create());
    }

    private static CreateFunctionRequest create() {
        return new CreateFunctionRequest("guarded", "java17", RunningEmulator.ROLE, "fixtures.Counter::handle",
                new CreateFunctionRequest.FunctionCode(FunctionZips.of(Counter.class), null, null, null, null), null,
                10, 128, null, null, null, null, null);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void addPermission_withAnyPrincipal_writesTheWildcardAsIs() {
        Map<String, Object> statement = permissions.addPermission(SCOPE, "guarded", null,
                AddPermissionRequest.of("public", "lambda:*", "*", null));

        assertEquals("*", statement.get("Principal"));
        assertEquals("lambda:*", statement.get("Action"));
        assertFalse(statement.containsKey("Condition"), statement.toString());
    }

    @Test
    void addPermission_withAnInvalidStatementIdAndAction_listsBothViolations() {
        AwsException error = assertThrows(AwsException.class, () -> permissions.addPermission(SCOPE, "guarded", null,
                AddPermissionRequest.of("has space", "invoke", "apigateway.amazonaws.com", null)));

        assertEquals("ValidationException", error.code());
        assertTrue(error.getMessage().startsWith("2 validation errors detected: Value 'has space' at 'statementId'"),
                error.getMessage());
        assertTrue(error.getMessage().contains("Value 'invoke' at 'action'"), error.getMessage());
    }

    @Test
    void removePermission_keepsTheOtherStatementsInOrder() {
        for (String sid : List.of("a", "b", "c")) {
            permissions.addPermission(SCOPE, "guarded", null,
                    AddPermissionRequest.of(sid, "lambda:InvokeFunction", "sns.amazonaws.com", null));
        }

        permissions.removePermission(SCOPE, "guarded", null, "b", null);

        List<Object> sids = permissions.getPolicy(SCOPE, "guarded", null).statements().stream()
                .map(statement -> statement.get("Sid")).toList();
        assertEquals(List.of("a", "c"), sids);
    }

    @Test
    void deleteFunction_thenCreateAgain_startsWithoutAPolicy() {
        permissions.addPermission(SCOPE, "guarded", null,
                AddPermissionRequest.of("old", "lambda:InvokeFunction", "sns.amazonaws.com", null));
        backend.deleteFunction(SCOPE, "guarded", null);
        backend.createFunction(SCOPE, create());

        AwsException error = assertThrows(AwsException.class, () -> permissions.getPolicy(SCOPE, "guarded", null));

        assertEquals("ResourceNotFoundException", error.code());
    }
}
