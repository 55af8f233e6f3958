package dev.serverlesslab.server.console;

import dev.serverlesslab.exercises.exercise.Exercise;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the console offers to start from: the exercise's own ({@code events/*.json}), then the built-in shapes
 * of the AWS services that most often invoke a function ({@code console/events/*.json} in this module).
 */
final class SampleEvents {

    /** File name and label of each built-in shape, in menu order. */
    private static final List<String[]> BUILT_IN = List.of(
            new String[] {"apigateway-rest", "API Gateway REST API (v1) proxy request"},
            new String[] {"apigateway-http", "API Gateway HTTP API (v2) request"},
            new String[] {"sqs", "SQS message"},
            new String[] {"sns", "SNS notification"},
            new String[] {"s3-put", "S3 object created (Put)"},
            new String[] {"eventbridge", "EventBridge event"},
            new String[] {"scheduled", "Scheduled event (EventBridge rule)"},
            new String[] {"dynamodb-stream", "DynamoDB stream record"});

    private final List<Sample> builtIn;

    SampleEvents() {
        List<Sample> samples = new ArrayList<>();
        for (String[] shape : BUILT_IN) {
            samples.add(new Sample("aws:" + shape[0], shape[1], "AWS", read("/console/events/" + shape[0] + ".json")));
        }
        this.builtIn = List.copyOf(samples);
    }

    /** Every sample for the exercise: its own first. */
    List<Sample> of(Exercise exercise) {
        List<Sample> samples = new ArrayList<>();
        exercise.aids().testEvents().forEach(event ->
                samples.add(new Sample("exercise:" + event.name(), event.name(), "This exercise", event.json())));
        samples.addAll(builtIn);
        return samples;
    }

    private static String read(String resource) {
        try (InputStream in = SampleEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in sample event " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One sample.
     *
     * @param id    {@code exercise:<name>} or {@code aws:<shape>}
     * @param group where it comes from, for the menu's groups
     */
    record Sample(String id, String label, String group, String json) {
    }
}
