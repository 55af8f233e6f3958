package dev.serverlesslab.emulator.apigateway;

import java.util.Random;
import java.util.function.Predicate;

/** Ids shaped like API Gateway's: lowercase letters and digits (10 for APIs and resources, 6 for deployments). */
final class ApiIds {

    private static final String CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    ApiIds(Random random) {
        this.random = random;
    }

    /** A fresh id that {@code taken} does not already hold. */
    String unique(int length, Predicate<String> taken) {
        String id = next(length);
        while (taken.test(id)) {
            id = next(length);
        }
        return id;
    }

    String next(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return id.toString();
    }
}
