package dev.serverlesslab.graders.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.KeyAttribute;
import dev.serverlesslab.exercises.exercise.TableSpec;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The parts of provisioning that need no backend: names, item typing, cleanup order, error wording. */
class ProvisionPartsTests {

    @Test
    void physicalNames_followTheLabExerciseSuffixLogicalShape() {
        PhysicalNames names = new PhysicalNames("orders", "1a2b3c4d");

        assertEquals("lab-orders-1a2b3c4d-orders", names.table("orders"));
        assertEquals("alias/lab-orders-1a2b3c4d-notes", names.alias("notes"));
        assertEquals("/lab/1a2b3c4d/lab/greeting", names.parameter("/lab/greeting"));
        assertEquals("/lab/1a2b3c4d/greeting", names.parameter("greeting"));
        assertEquals("lab-orders-1a2b3c4d-role", names.role());
    }

    @Test
    void physicalNames_random_shortensLongExerciseIdsSoRoleNamesFitIam() {
        PhysicalNames names = PhysicalNames.random("a-very-long-exercise-identifier-indeed-yes", new SecureRandom());

        assertTrue(names.role().length() <= 64, names.role());
        assertTrue(names.suffix().matches("[0-9a-f]{8}"), names.suffix());
    }

    @Test
    void resourcesName_forWhatAChecksCreates_isUnderTheGradingsPrefix_andTaggedOnARealAccount() {
        PhysicalNames names = PhysicalNames.random("envelope-encryption", new SecureRandom(), "serverless-lab");
        ProvisionedResources managed = new ProvisionedResources(names, "eu-west-1", Map.of(),
                dev.serverlesslab.graders.backend.ResourceNaming.MANAGED);

        String first = managed.name("a-long-purpose-x");
        String second = managed.name("a-long-purpose-x");

        // Under the prefix the grading policy and ./lab cleanup know, within Lambda's 64 characters, unique per call.
        assertTrue(first.startsWith(names.prefix() + "-"), first);
        assertTrue(first.length() <= 64, first + " has " + first.length() + " characters");
        assertTrue(first.matches(".*-[0-9a-f]{8}"), first);
        assertFalse(first.equals(second), first);
        assertEquals(Map.of(dev.serverlesslab.graders.backend.ResourceNaming.MANAGED_BY, "serverless-lab",
                dev.serverlesslab.graders.backend.ResourceNaming.GRADING, managed.gradingId()), managed.tags());

        ProvisionedResources plain = new ProvisionedResources(new PhysicalNames("orders", "1a2b3c4d"), "us-east-1",
                Map.of());
        assertTrue(plain.name("worker").matches("lab-orders-1a2b3c4d-worker-[0-9a-f]{8}"), plain.name("worker"));
        assertEquals(Map.of(), plain.tags());
    }

    @Test
    void value_infersDynamoDbTypesFromPlainValues() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", new BigDecimal("1.50"));
        nested.put("none", null);

        assertEquals(AttributeValue.fromS("x"), TableProvisioner.value("x"));
        assertEquals(AttributeValue.fromN("12"), TableProvisioner.value(new BigDecimal("12")));
        assertEquals(AttributeValue.fromBool(true), TableProvisioner.value(true));
        assertEquals(AttributeValue.fromNul(true), TableProvisioner.value(null));
        assertEquals(AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("2"))),
                TableProvisioner.value(List.of("a", new BigDecimal("2"))));
        assertEquals(AttributeValue.fromM(Map.of("n", AttributeValue.fromN("1.50"), "none",
                AttributeValue.fromNul(true))), TableProvisioner.value(nested));
    }

    @Test
    void item_decodesBinaryKeyAttributesFromBase64() {
        TableSpec table = new TableSpec("files", new KeyAttribute("id", "B"), null, Map.of(), List.of());
        String encoded = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});

        Map<String, AttributeValue> item = TableProvisioner.item(Map.of("id", encoded, "note", encoded), table);

        assertEquals(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})), item.get("id"));
        assertEquals(AttributeValue.fromS(encoded), item.get("note"), "only key attributes are binary");
    }

    @Test
    void cleanupList_runsNewestFirst_andGoesOnPastFailures() {
        CleanupList cleanup = new CleanupList();
        List<String> ran = new ArrayList<>();
        cleanup.add("key k", () -> ran.add("key"));
        cleanup.add("alias a", () -> {
            throw new IllegalStateException("backend gone");
        });
        cleanup.add("parameter p", () -> ran.add("parameter"));

        List<String> problems = cleanup.runAll();

        assertEquals(List.of("parameter", "key"), ran);
        assertEquals(List.of("could not delete alias a: backend gone"), problems);
        assertEquals(0, cleanup.size());
    }

    @Test
    void describe_usesTheBackendsCodeAndMessage() {
        AwsServiceException refused = AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("Value is too long").build())
                .statusCode(400).build();

        assertEquals("ValidationException: Value is too long", ProvisioningException.describe(refused));
        assertEquals("could not create parameter big: ValidationException: Value is too long",
                new ProvisioningException("parameter big", refused).getMessage());
    }

    @Test
    void isUnsupported_acceptsUnknownOperationAnswers_only() {
        assertTrue(ApiProvisioner.isUnsupported(error("UnknownOperationException", 404)));
        assertTrue(ApiProvisioner.isUnsupported(error("InternalFailure", 501)));
        assertFalse(ApiProvisioner.isUnsupported(error("ResourceConflictException", 409)));
    }

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
                .statusCode(status).build();
    }
}
