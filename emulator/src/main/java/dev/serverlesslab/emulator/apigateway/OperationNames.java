package dev.serverlesslab.emulator.apigateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names the API Gateway operation a REST request is, from AWS's table of URI templates, so that a call the emulator
 * does not implement is answered with the operation's name instead of a bare path.
 */
final class OperationNames {

    private record Template(String method, List<String> segments, String name) {
    }

    private final List<Template> templates;

    private OperationNames(List<Template> templates) {
        this.templates = List.copyOf(templates);
    }

    static OperationNames load() {
        List<Template> templates = new ArrayList<>();
        try (InputStream in = OperationNames.class.getResourceAsStream("operations.txt")) {
            if (in == null) {
                throw new IllegalStateException("operations.txt is missing from the emulator's jar; rebuild it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                templates.add(new Template(parts[0], split(parts[1]), parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the API Gateway operation table", e);
        }
        return new OperationNames(templates);
    }

    /** The operation a method and path stand for, or empty when AWS has none there. */
    Optional<String> name(String method, String path) {
        List<String> segments = split(path);
        return templates.stream()
                .filter(template -> template.method().equals(method) && matches(template.segments(), segments))
                .map(Template::name)
                .findFirst();
    }

    private static boolean matches(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            if (!template.get(i).startsWith("{") && !template.get(i).equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String path) {
        return List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    }
}
