package dev.serverlesslab.exercises.exercise;

import java.util.List;

/**
 * One key attribute of a DynamoDB table or index: its name and its scalar type ({@code S}, {@code N} or {@code B}).
 */
public record KeyAttribute(String name, String type) {

    /** The scalar types DynamoDB allows for key attributes: string, number, binary. */
    public static final List<String> TYPES = List.of("S", "N", "B");
}
