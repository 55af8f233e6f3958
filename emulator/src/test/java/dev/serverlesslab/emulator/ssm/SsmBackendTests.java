package dev.serverlesslab.emulator.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.kms.KmsBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter Store rules without HTTP: versions, overwrite, names, paths, paging and SecureString encryption. */
class SsmBackendTests {

    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");

    private final KmsBackend kms = new KmsBackend();
    private final SsmBackend ssm = new SsmBackend(kms);

    @Test
    void putParameter_twiceWithOverwrite_addsVersionTwo() {
        ssm.putParameter(SCOPE, put("/app/a", "one", ParameterType.String, false));

        ParameterVersion second = ssm.putParameter(SCOPE, put("/app/a", "two", null, true));

        assertEquals(2, second.version());
        assertEquals(ParameterType.String, second.type());
        assertEquals("two", ssm.getParameter(SCOPE, "/app/a", false).value());
        assertEquals("one", ssm.getParameter(SCOPE, "/app/a:1", false).value());
    }

    @Test
    void putParameter_existingWithoutOverwrite_failsWithParameterAlreadyExists() {
        ssm.putParameter(SCOPE, put("/app/a", "one", ParameterType.String, false));

        AwsException e = assertThrows(AwsException.class,
                () -> ssm.putParameter(SCOPE, put("/app/a", "two", ParameterType.String, false)));

        assertEquals("ParameterAlreadyExists", e.code());
    }

    @Test
    void putParameter_withoutType_failsWithValidationException() {
        AwsException e = assertThrows(AwsException.class,
                () -> ssm.putParameter(SCOPE, put("/app/a", "one", null, false)));

        assertEquals("ValidationException", e.code());
    }

    @Test
    void putParameter_withReservedOrRelativeName_failsWithValidationException() {
        assertEquals("ValidationException", assertThrows(AwsException.class,
                () -> ssm.putParameter(SCOPE, put("/aws/x", "v", ParameterType.String, false))).code());
        assertEquals("ValidationException", assertThrows(AwsException.class,
                () -> ssm.putParameter(SCOPE, put("app/x", "v", ParameterType.String, false))).code());
    }

    @Test
    void putParameter_secureString_storesCiphertextUnderTheAwsManagedKey() {
        ParameterVersion stored = ssm.putParameter(SCOPE, put("/app/secret", "hunter2", ParameterType.SecureString,
                false));

        assertEquals("alias/aws/ssm", stored.keyId());
        assertNotEquals("hunter2", stored.value());
        assertEquals("hunter2", ssm.getParameter(SCOPE, "/app/secret", true).value());
        assertEquals(stored.value(), ssm.getParameter(SCOPE, "/app/secret", false).value());
        assertTrue(kms.listAliases(SCOPE, null).stream().anyMatch(a -> a.aliasName().equals("alias/aws/ssm")));
    }

    @Test
    void putParameter_secureStringWithUnknownKey_failsWithInvalidKeyId() {
        PutRequest request = new PutRequest("/app/s", "v", ParameterType.SecureString, null, "alias/nope", false,
                Map.of());

        assertEquals("InvalidKeyId", assertThrows(AwsException.class, () -> ssm.putParameter(SCOPE, request)).code());
    }

    @Test
    void getParameter_ofMissingVersion_failsWithParameterVersionNotFound() {
        ssm.putParameter(SCOPE, put("/app/a", "one", ParameterType.String, false));

        assertEquals("ParameterVersionNotFound",
                assertThrows(AwsException.class, () -> ssm.getParameter(SCOPE, "/app/a:5", false)).code());
    }

    @Test
    void getParametersByPath_nonRecursive_returnsOnlyDirectChildren() {
        ssm.putParameter(SCOPE, put("/app/a", "1", ParameterType.String, false));
        ssm.putParameter(SCOPE, put("/app/deep/b", "2", ParameterType.String, false));
        ssm.putParameter(SCOPE, put("/other/c", "3", ParameterType.String, false));

        List<String> direct = names(ssm.getParametersByPath(SCOPE, "/app", false, List.of(), false, null, null));
        List<String> all = names(ssm.getParametersByPath(SCOPE, "/app/", true, List.of(), false, null, null));

        assertEquals(List.of("/app/a"), direct);
        assertEquals(List.of("/app/a", "/app/deep/b"), all);
    }

    @Test
    void getParametersByPath_pagesWithNextTokenUntilNull() {
        for (int i = 0; i < 5; i++) {
            ssm.putParameter(SCOPE, put("/p/" + i, "v", ParameterType.String, false));
        }

        Page<Parameter> first = ssm.getParametersByPath(SCOPE, "/p", true, List.of(), false, 2, null);
        Page<Parameter> second = ssm.getParametersByPath(SCOPE, "/p", true, List.of(), false, 2, first.nextToken());
        Page<Parameter> third = ssm.getParametersByPath(SCOPE, "/p", true, List.of(), false, 2, second.nextToken());

        assertEquals(List.of("/p/0", "/p/1"), names(first));
        assertEquals(List.of("/p/2", "/p/3"), names(second));
        assertEquals(List.of("/p/4"), names(third));
        assertNull(third.nextToken());
    }

    @Test
    void getParametersByPath_withTypeFilter_returnsOnlyThatType() {
        ssm.putParameter(SCOPE, put("/f/a", "1", ParameterType.String, false));
        ssm.putParameter(SCOPE, put("/f/b", "1,2", ParameterType.StringList, false));

        List<ParameterFilter> filters = List.of(new ParameterFilter("Type", "Equals", List.of("StringList")));

        assertEquals(List.of("/f/b"), names(ssm.getParametersByPath(SCOPE, "/f", false, filters, false, null, null)));
    }

    @Test
    void getParameterHistory_returnsEveryVersionOldestFirst() {
        ssm.putParameter(SCOPE, put("/h", "1", ParameterType.String, false));
        ssm.putParameter(SCOPE, put("/h", "2", null, true));
        ssm.putParameter(SCOPE, put("/h", "3", null, true));

        Page<Parameter> first = ssm.getParameterHistory(SCOPE, "/h", false, 2, null);
        Page<Parameter> rest = ssm.getParameterHistory(SCOPE, "/h", false, 2, first.nextToken());

        assertEquals(List.of("1", "2"), first.items().stream().map(Parameter::value).toList());
        assertEquals(List.of("3"), rest.items().stream().map(Parameter::value).toList());
        assertNull(rest.nextToken());
    }

    @Test
    void deleteParameters_reportsMissingNamesAsInvalid() {
        ssm.putParameter(SCOPE, put("/d", "1", ParameterType.String, false));

        assertEquals(List.of("/missing"), ssm.deleteParameters(SCOPE, List.of("/d", "/missing")));
        assertEquals("ParameterNotFound",
                assertThrows(AwsException.class, () -> ssm.deleteParameter(SCOPE, "/d")).code());
    }

    @Test
    void describeParameters_withBadNextToken_failsWithInvalidNextToken() {
        assertEquals("InvalidNextToken", assertThrows(AwsException.class,
                () -> ssm.describeParameters(SCOPE, List.of(), null, "%%%")).code());
    }

    private static PutRequest put(String name, String value, ParameterType type, boolean overwrite) {
        return new PutRequest(name, value, type, null, null, overwrite, Map.of());
    }

    private static List<String> names(Page<Parameter> page) {
        return page.items().stream().map(p -> p.version().name()).toList();
    }
}
