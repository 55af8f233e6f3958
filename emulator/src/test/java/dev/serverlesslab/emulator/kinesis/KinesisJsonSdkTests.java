package dev.serverlesslab.emulator.kinesis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same SDK v2 tests with CBOR turned off ({@code aws.cborEnabled=false}), as some learners and tools configure
 * the SDK: requests and answers are then awsJson 1.1, blobs base64 and timestamps epoch seconds.
 */
class KinesisJsonSdkTests extends KinesisSdkTests {

    private static final String CBOR_ENABLED = "aws.cborEnabled";

    @BeforeAll
    @Override
    void start() {
        // The SDK reads the setting on every request, so it stays set while this class runs.
        System.setProperty(CBOR_ENABLED, "false");
        super.start();
    }

    @AfterAll
    @Override
    void stop() {
        super.stop();
        System.clearProperty(CBOR_ENABLED);
    }

    @Override
    String expectedContentType() {
        return "application/x-amz-json-1.1";
    }
}
