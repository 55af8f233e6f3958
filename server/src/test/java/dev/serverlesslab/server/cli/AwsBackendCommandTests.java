package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code lab grade --backend aws} and {@code lab cleanup --backend aws}: what they refuse and what a dry run prints.
 * Nothing here can reach AWS: the environment holds no credentials, so any attempt would fail, not create.
 */
class AwsBackendCommandTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String SOLUTION = HOME.resolve("content/exercises/dynamodb-orders/solution").toString();
    /** No credentials, no profile files: a dry run that contacted AWS would fail for want of keys. */
    private static final Map<String, String> NO_CREDENTIALS = Map.of("HOME", "/nonexistent");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(String... args) {
        return new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Confinement::detect, NO_CREDENTIALS)
                .run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void grade_aws_dryRun_printsThePlanAndEstimate_andCreatesNothing() {
        int code = lab("grade", "--exercise", "dynamodb-orders", "--backend", "aws", "--region", "eu-west-3",
                "--dry-run", SOLUTION);

        assertEquals(0, code, err());
        assertTrue(out().contains("A grading creates in eu-west-3 (and deletes at its end):"), out());
        assertTrue(out().contains("IAM role serverless-lab-dynamodb-orders-<8 hex>-role (path /serverless-lab/)"), out());
        assertTrue(out().contains("DynamoDB table serverless-lab-dynamodb-orders-<8 hex>-"), out());
        assertTrue(out().contains("HTTP API serverless-lab-dynamodb-orders-<8 hex>-api"), out());
        assertTrue(out().contains("Cost estimate, Lambda: at most $"), out());
        assertTrue(out().contains("Dry run: nothing was created"), out());
        assertFalse(out().contains("Grading dynamodb-orders"), "no grading started: " + out());
    }

    @Test
    void grade_aws_withoutAllowRealAws_refuses_afterShowingWhatItWouldCreate() {
        int code = lab("grade", "--exercise", "dynamodb-orders", "--backend", "aws", "--region", "eu-west-3", SOLUTION);

        assertEquals(2, code);
        assertTrue(out().contains("Cost estimate, Lambda: at most $"), out());
        assertTrue(err().contains("lab: --backend aws creates the resources above in a real AWS account, which can "
                + "cost money: add --allow-real-aws to go ahead"), err());
        assertFalse(out().contains("Grading dynamodb-orders"), out());
    }

    @Test
    void grade_aws_allowedButWithoutCredentials_exitsTwo_sayingWhereCredentialsAreRead() {
        int code = lab("grade", "--exercise", "dynamodb-orders", "--backend", "aws", "--region", "eu-west-3",
                "--allow-real-aws", SOLUTION);

        assertEquals(2, code, err());
        assertTrue(err().contains("lab: the aws backend found no AWS credentials: give --profile NAME"), err());
    }

    @Test
    void grade_aws_exerciseWithEventResources_isRefusedUpFront_namingWhatItDeclares() {
        String fanOut = HOME.resolve("content/exercises/fan-out/solution").toString();

        int code = lab("grade", "--exercise", "fan-out", "--backend", "aws", "--region", "eu-west-3", "--dry-run",
                fanOut);

        assertEquals(2, code);
        assertTrue(err().startsWith("lab: the aws backend will not grade fan-out: It declares SQS queues, SNS topics, "
                + "EventBridge buses, EventBridge rules"), err());
        assertEquals("", out());
    }

    @Test
    void grade_dryRun_withAnotherBackend_isAUsageError() {
        assertEquals(2, lab("grade", "--exercise", "dynamodb-orders", "--dry-run", SOLUTION));

        assertTrue(err().contains("--dry-run is for --backend aws (the backend is embedded)"), err());
    }

    @Test
    void cleanup_withoutAllowRealAws_refuses_sayingWhy() {
        assertEquals(2, lab("cleanup", "--backend", "aws", "--region", "eu-west-3"));

        assertTrue(err().contains("cleanup deletes resources in a real AWS account: add --allow-real-aws"), err());
    }

    @Test
    void cleanup_withAnotherBackend_refuses() {
        assertEquals(2, lab("cleanup", "--backend", "embedded", "--allow-real-aws"));

        assertTrue(err().contains("cleanup needs --backend aws"), err());
    }
}
