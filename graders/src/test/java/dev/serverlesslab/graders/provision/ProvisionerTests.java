package dev.serverlesslab.graders.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Provisioning KMS keys, SSM parameters and IAM roles on the embedded backend, read back through the SDK. */
class ProvisionerTests {

    private static final String KEYS_AND_PARAMETERS = """
            environment:
              GREETING_PARAM: ${parameter:greeting}
              KEY_ID: ${key:notes}
              KEY_ARN: ${keyArn:notes}
              KEY_ALIAS: ${alias:notes}
              WHERE: "in ${region}"
            resources:
              keys:
                notes: {alias: notes, description: "Encrypts notes"}
              parameters:
                greeting: {name: /lab/greeting, type: String, value: "hi"}
                colours: {name: colours, type: StringList, value: [red, green]}
                secret: {name: /lab/secret, type: SecureString, value: s3cret, key: notes}
              role: {policies: [arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess]}
            """;

    private static final String VALUES_PER_GRADING = """
            resources:
              parameters:
                token: {type: SecureString, value: "tk-${random}"}
                welcome: {value: {oneOf: [Howdy, Hej, Bonjour]}}
            """;

    private static EmbeddedProvisioning embedded;
    private static ServiceClients clients;
    private static Provisioner provisioner;

    @TempDir
    Path content;

    @BeforeAll
    static void startBackend() {
        embedded = new EmbeddedProvisioning();
        clients = embedded.clients();
        provisioner = embedded.provisioner();
    }

    @AfterAll
    static void stopBackend() {
        embedded.close();
    }

    @Test
    void provision_keys_createsAKeyWithAUniqueAliasPointingAtIt() {
        embedded.provisioned(exercise(), resources -> {
            String alias = resources.alias("notes");
            assertTrue(alias.matches("alias/lab-keys-[0-9a-f]{8}-notes"), alias);
            var key = clients.kms().describeKey(b -> b.keyId(alias)).keyMetadata();
            assertEquals(resources.keyId("notes"), key.keyId());
            assertEquals(resources.keyArn("notes"), key.arn());
            assertEquals("Encrypts notes", key.description());
        });
    }

    @Test
    void provision_parameters_storesEachTypeBelowAPrefixUniqueToTheGrading() {
        embedded.provisioned(exercise(), resources -> {
            String greeting = resources.parameter("greeting");
            assertTrue(greeting.matches("/lab/[0-9a-f]{8}/lab/greeting"), greeting);
            assertEquals("hi", value(greeting));
            assertEquals(resources.names().parameter("/colours"), resources.parameter("colours"));
            assertEquals("red,green", value(resources.parameter("colours")));
            assertEquals("s3cret", value(resources.parameter("secret")));
        });
    }

    @Test
    void provision_parameters_getValuesMadeUpForEachGrading() {
        List<String> tokens = new java.util.ArrayList<>();
        Exercise exercise = Descriptors.exercise(content, "values", VALUES_PER_GRADING);
        for (int grading = 0; grading < 2; grading++) {
            embedded.provisioned(exercise, resources -> {
                tokens.add(value(resources.parameter("token")));
                assertTrue(List.of("Howdy", "Hej", "Bonjour").contains(value(resources.parameter("welcome"))));
            });
        }

        assertTrue(tokens.stream().allMatch(token -> token.matches("tk-[0-9a-f]{12}")), tokens.toString());
        assertNotEquals(tokens.get(0), tokens.get(1));
    }

    @Test
    void provision_secureString_isSealedWithTheDeclaredKey() {
        embedded.provisioned(exercise(), resources -> {
            var metadata = clients.ssm().describeParameters(b -> b.parameterFilters(f -> f.key("Name")
                    .values(resources.parameter("secret")))).parameters().get(0);
            assertEquals("SecureString", metadata.typeAsString());
            assertTrue(metadata.keyId().contains(resources.keyId("notes"))
                    || metadata.keyId().equals(resources.alias("notes")), metadata.keyId());
            String sealed = clients.ssm().getParameter(b -> b.name(resources.parameter("secret"))).parameter().value();
            assertNotEquals("s3cret", sealed, "without decryption SSM answers the ciphertext");
        });
    }

    @Test
    void provision_role_isTrustedByLambdaWithTheDeclaredPolicies() {
        embedded.provisioned(exercise(), resources -> {
            String name = resources.names().role();
            var role = clients.iam().getRole(b -> b.roleName(name)).role();
            assertEquals(resources.roleArn(), role.arn());
            assertTrue(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)
                    .contains("lambda.amazonaws.com"), role.assumeRolePolicyDocument());
            List<String> attached = clients.iam().listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies()
                    .stream().map(AttachedPolicy::policyArn).toList();
            assertEquals(List.of("arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"), attached);
        });
    }

    @Test
    void environment_replacesEveryReferenceWithItsPhysicalValue() {
        embedded.provisioned(exercise(), resources -> {
            Map<String, String> environment = resources.environment();
            assertEquals(resources.parameter("greeting"), environment.get("GREETING_PARAM"));
            assertEquals(resources.keyId("notes"), environment.get("KEY_ID"));
            assertEquals(resources.keyArn("notes"), environment.get("KEY_ARN"));
            assertEquals(resources.alias("notes"), environment.get("KEY_ALIAS"));
            assertEquals("in " + embedded.backend().region(), environment.get("WHERE"));
            assertEquals(environment, resources.functionSettings(List.of()).environment());
            assertEquals(resources.roleArn(), resources.functionSettings(List.of()).roleArn());
        });
    }

    @Test
    void provision_twice_givesEachGradingItsOwnNames() {
        ProvisionedResources first = provisioner.provision(exercise());
        ProvisionedResources second = provisioner.provision(exercise());
        try {
            assertNotEquals(first.alias("notes"), second.alias("notes"));
            assertNotEquals(first.parameter("greeting"), second.parameter("greeting"));
            assertNotEquals(first.roleArn(), second.roleArn());
        } finally {
            provisioner.teardown(first);
            provisioner.teardown(second);
        }
    }

    @Test
    void teardown_deletesParametersAliasesAndRole_andSchedulesKeyDeletion() {
        ProvisionedResources resources = provisioner.provision(exercise());

        String message = provisioner.teardown(resources);

        assertTrue(message.startsWith("deleted " + resources.names().prefix()), message);
        assertThrows(ParameterNotFoundException.class,
                () -> clients.ssm().getParameter(b -> b.name(resources.parameter("greeting"))));
        assertThrows(NoSuchEntityException.class,
                () -> clients.iam().getRole(b -> b.roleName(resources.names().role())));
        assertFalse(aliases().contains(resources.alias("notes")));
        assertEquals(KeyState.PENDING_DELETION,
                clients.kms().describeKey(b -> b.keyId(resources.keyId("notes"))).keyMetadata().keyState());
    }

    @Test
    void teardown_twice_reportsNothingLeftToDo() {
        ProvisionedResources resources = provisioner.provision(exercise());
        provisioner.teardown(resources);

        assertEquals("deleted " + resources.names().prefix() + "-* (0 step(s))", provisioner.teardown(resources));
    }

    @Test
    void provision_whenTheBackendRefusesAResource_namesIt_andDeletesWhatWasCreated() {
        String tooLong = "x".repeat(5000);
        Exercise exercise = Descriptors.exercise(content, "refused", """
                resources:
                  keys: {notes: {}}
                  parameters: {big: {name: /big, value: %s}}
                """.formatted(tooLong));
        List<String> aliasesBefore = aliases();

        ProvisioningException error = assertThrows(ProvisioningException.class, () -> provisioner.provision(exercise));

        assertTrue(error.getMessage().startsWith("could not create parameter big (/lab/"), error.getMessage());
        assertTrue(error.getMessage().contains("ValidationException"), error.getMessage());
        assertEquals(aliasesBefore, aliases(), "the key's alias is deleted again");
    }

    @Test
    void resources_unknownLogicalName_listsTheDeclaredOnes() {
        embedded.provisioned(exercise(), resources -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> resources.parameter("greting"));
            assertEquals("this exercise declares no parameter 'greting': it declares greeting, colours, secret",
                    error.getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> resources.table("orders")).getMessage()
                    .endsWith("it declares none"));
            assertTrue(resources.apiUrl().isEmpty());
        });
    }

    @Test
    void provision_exerciseWithoutResources_createsOnlyTheRole() {
        embedded.provisioned(Descriptors.exercise(content, "plain", ""), resources -> {
            assertEquals("role " + resources.names().role(), resources.summary());
            assertTrue(resources.roleArn().endsWith(":role/" + resources.names().role()), resources.roleArn());
        });
    }

    @Test
    void summary_namesEachResourceWithItsPhysicalName() {
        embedded.provisioned(exercise(), resources -> {
            assertEquals("key notes → " + resources.alias("notes") + ", parameter greeting → "
                    + resources.parameter("greeting") + ", parameter colours → " + resources.parameter("colours")
                    + ", parameter secret → " + resources.parameter("secret") + ", role " + resources.names().role(),
                    resources.summary());
        });
    }

    private Exercise exercise() {
        return Descriptors.exercise(content, "keys", KEYS_AND_PARAMETERS);
    }

    private static String value(String name) {
        Parameter parameter = clients.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter();
        return parameter.value();
    }

    private static List<String> aliases() {
        return clients.kms().listAliases().aliases().stream().map(AliasListEntry::aliasName).toList();
    }
}
