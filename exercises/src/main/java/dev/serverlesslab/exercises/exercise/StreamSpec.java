package dev.serverlesslab.exercises.exercise;

/**
 * A declared Kinesis data stream.
 *
 * @param trigger the event source mapping to the learner's function, or null
 */
public record StreamSpec(String logicalName, int shards, EventSourceSpec trigger) {
}
