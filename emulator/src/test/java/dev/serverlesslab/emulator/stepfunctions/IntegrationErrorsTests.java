package dev.serverlesslab.emulator.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The error names of the sqs:sendMessage and sns:publish integrations: the modeled errors they know are the ones
 * botocore's service models declare, and an error is named as the SDK's exception for it.
 */
class IntegrationErrorsTests {

    private static final Path BOTOCORE = Path.of("/usr/lib/python3/dist-packages/botocore/data");

    @Test
    void modeledErrors_areTheExceptionShapesOfBotocoresSqsAndSnsModels() throws IOException {
        JsonNode sqs = model("sqs/2012-11-05");
        JsonNode sns = model("sns/2010-03-31");

        Set<String> sqsShapes = new TreeSet<>();
        sqs.get("shapes").fields().forEachRemaining(shape -> {
            if (shape.getValue().path("exception").asBoolean()) {
                sqsShapes.add(shape.getKey());
            }
        });
        Map<String, String> snsShapes = new TreeMap<>();
        sns.get("shapes").fields().forEachRemaining(shape -> {
            if (shape.getValue().path("exception").asBoolean()) {
                // A shape without an error code (VerificationException) is sent under its own name.
                snsShapes.put(shape.getValue().path("error").path("code").asText(shape.getKey()), shape.getKey());
            }
        });

        assertEquals(sqsShapes, new TreeSet<>(IntegrationErrors.SQS_SHAPES));
        assertEquals(snsShapes, new TreeMap<>(IntegrationErrors.SNS_SHAPES));
    }

    @Test
    void names_areTheSdkExceptions_withTheExceptionSuffix_orTheServicesBaseException() {
        StatesError noQueue = IntegrationErrors.sqs(new AwsException("QueueDoesNotExist",
                "The specified queue does not exist.", 400));
        StatesError missing = IntegrationErrors.sqs(new AwsException("MissingParameter",
                "The request must contain the parameter MessageBody.", 400));
        StatesError optIn = IntegrationErrors.sns(new AwsException("KMSOptInRequired", "opt in", 403));
        StatesError unknown = IntegrationErrors.sns(new AwsException("SomethingNew", "new", 400));

        assertEquals("SQS.QueueDoesNotExistException", noQueue.error());
        assertEquals("SQS.AmazonSQSException", missing.error());
        assertEquals("SNS.KMSOptInRequiredException", optIn.error());
        assertEquals("SNS.AmazonSNSException", unknown.error());
        assertTrue(noQueue.cause().startsWith("The specified queue does not exist. (Service: AmazonSQS; "
                + "Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: "),
                noQueue.cause());
        assertTrue(missing.cause().contains("; Error Code: MissingParameter; "), missing.cause());
    }

    private static JsonNode model(String serviceAndVersion) throws IOException {
        Path model = BOTOCORE.resolve(serviceAndVersion).resolve("service-2.json");
        assumeTrue(Files.isRegularFile(model), "botocore's models are not installed at " + BOTOCORE
                + " (apt-get install python3-botocore); the tables cannot be compared with them");
        return new ObjectMapper().readTree(model.toFile());
    }
}
