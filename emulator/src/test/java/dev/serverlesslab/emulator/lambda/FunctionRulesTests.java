package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionRulesTests {

    @Test
    void validate_aTypicalJavaFunction_passes() {
        assertDoesNotThrow(() -> FunctionRules.validate(request("java17", 512, 30, Map.of("TABLE", "orders"))));
    }

    @Test
    void validate_memoryAboveLambdasLimit_failsWithInvalidParameterValue() {
        AwsException error = assertThrows(AwsException.class,
                () -> FunctionRules.validate(request("java21", 10_241, 3, Map.of())));

        assertEquals("InvalidParameterValueException", error.code());
        assertEquals("'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to "
                + "10240", error.getMessage());
    }

    @Test
    void validate_timeoutAboveFifteenMinutes_failsModelValidation() {
        AwsException error = assertThrows(AwsException.class,
                () -> FunctionRules.validate(request("java17", 128, 901, Map.of())));

        assertEquals("ValidationException", error.code());
        assertEquals("1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member "
                + "must have value less than or equal to 900", error.getMessage());
    }

    @Test
    void validate_unknownRuntimeName_failsModelValidationListingTheEnum() {
        AwsException error = assertThrows(AwsException.class,
                () -> FunctionRules.validate(request("java99", 128, 3, Map.of())));

        assertEquals("ValidationException", error.code());
        assertEquals(true, error.getMessage().startsWith("1 validation error detected: Value 'java99' at 'runtime' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [nodejs,"), error.getMessage());
    }

    @Test
    void validate_retiredJava8_failsLikeLambda() {
        AwsException error = assertThrows(AwsException.class,
                () -> FunctionRules.validate(request("java8", 128, 3, Map.of())));

        assertEquals("InvalidParameterValueException", error.code());
        assertEquals(true, error.getMessage().startsWith("The runtime parameter of java8 is no longer supported"));
    }

    @Test
    void validate_reservedVariables_namesEachSorted() {
        AwsException error = assertThrows(AwsException.class, () -> FunctionRules.validate(
                request("java17", 128, 3, Map.of("LAMBDA_TASK_ROOT", "/x", "AWS_REGION", "y", "OK", "z"))));

        assertEquals("InvalidParameterValueException", error.code());
        assertEquals(true, error.getMessage().endsWith("Reserved keys used in this request: AWS_REGION, "
                + "LAMBDA_TASK_ROOT"), error.getMessage());
    }

    @Test
    void validate_variablesOver4Kb_failsNamingTheMeasuredSize() {
        AwsException error = assertThrows(AwsException.class, () -> FunctionRules.validate(
                request("java17", 128, 3, Map.of("BIG", "x".repeat(4094)))));

        assertEquals(true, error.getMessage().endsWith("exceeded the 4KB limit. String measured: 4097 bytes"),
                error.getMessage());
    }

    @Test
    void validate_variableNameWithADash_failsModelValidation() {
        AwsException error = assertThrows(AwsException.class,
                () -> FunctionRules.validate(request("java17", 128, 3, Map.of("TABLE-NAME", "orders"))));

        assertEquals("ValidationException", error.code());
    }

    @Test
    void validate_withoutHandler_failsLikeLambdaForZipFunctions() {
        CreateFunctionRequest noHandler = new CreateFunctionRequest("f", "java17", RunningEmulator.ROLE, null,
                new CreateFunctionRequest.FunctionCode(new byte[] {1}, null, null, null, null), null, null, null,
                null, null, null, null, null);

        AwsException error = assertThrows(AwsException.class, () -> FunctionRules.validate(noHandler));

        assertEquals("Runtime and Handler are mandatory parameters for functions created with deployment packages.",
                error.getMessage());
    }

    @Test
    void defaults_areLambdas128MbAnd3Seconds() {
        CreateFunctionRequest request = request("java17", null, null, Map.of());

        assertEquals(128, FunctionRules.memorySize(request));
        assertEquals(3, FunctionRules.timeout(request));
    }

    private static CreateFunctionRequest request(String runtime, Integer memory, Integer timeout,
            Map<String, String> variables) {
        return new CreateFunctionRequest("orders-api", runtime, RunningEmulator.ROLE, "example.Handler::handle",
                new CreateFunctionRequest.FunctionCode(new byte[] {1}, null, null, null, null), null, timeout, memory,
                null, null, new CreateFunctionRequest.Environment(variables), null, null);
    }
}
