package dev.serverlesslab.emulator.events;

import java.util.Map;

/**
 * A rule's target: where matching events go and what of them (at most one of {@code input}, {@code inputPath},
 * {@code inputTemplate} with its {@code inputPathsMap}).
 *
 * @param roleArn kept and shown; the emulator does not assume it
 * @param messageGroupId {@code SqsParameters.MessageGroupId}, for FIFO queues
 */
public record RuleTarget(String id, String arn, String roleArn, String input, String inputPath,
        Map<String, String> inputPathsMap, String inputTemplate, String messageGroupId) {

    public RuleTarget {
        inputPathsMap = inputPathsMap == null ? null : Map.copyOf(inputPathsMap);
    }
}
