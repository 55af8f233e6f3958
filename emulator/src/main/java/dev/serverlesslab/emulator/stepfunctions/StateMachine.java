package dev.serverlesslab.emulator.stepfunctions;

import dev.serverlesslab.emulator.stepfunctions.asl.Definition;
import java.time.Instant;

/**
 * A state machine as it stands after its last create or update.
 *
 * @param type {@code STANDARD} or {@code EXPRESS}
 * @param definitionText the definition as the caller sent it, returned verbatim by DescribeStateMachine
 * @param revisionId changes with every update, as on AWS
 * @param updateDate the last update, or null when never updated
 */
public record StateMachine(String arn, String name, String type, String definitionText, Definition definition,
        String roleArn, Instant creationDate, String revisionId, Instant updateDate) {

    public boolean express() {
        return "EXPRESS".equals(type);
    }
}
