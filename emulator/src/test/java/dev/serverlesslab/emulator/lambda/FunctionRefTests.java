package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import org.junit.jupiter.api.Test;

class FunctionRefTests {

    @Test
    void parse_acceptsNamePartialArnAndFullArn() {
        assertEquals(new FunctionRef("orders", null), FunctionRef.parse("orders", null));
        assertEquals(new FunctionRef("orders", null), FunctionRef.parse("000000000000:function:orders", null));
        assertEquals(new FunctionRef("orders", "$LATEST"),
                FunctionRef.parse("arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST", null));
    }

    @Test
    void parse_qualifierParameterWinsOverTheNamesQualifier() {
        assertEquals(new FunctionRef("orders", "live"), FunctionRef.parse("orders:$LATEST", "live"));
    }

    @Test
    void parse_invalidName_failsModelValidation() {
        AwsException error = assertThrows(AwsException.class, () -> FunctionRef.parse("orders api", null));

        assertEquals("ValidationException", error.code());
        assertTrue(error.getMessage().startsWith("1 validation error detected: Value 'orders api' at 'functionName'"));
    }

    @Test
    void arn_spellsTheQualifierWhenGiven() {
        assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:orders:live",
                new FunctionRef("orders", "live").arn("eu-west-1", "111122223333"));
        assertTrue(new FunctionRef("orders", "$LATEST").latest());
    }
}
