package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.exercises.build.SdkModules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One exercise of the course, as described by its {@code exercise.yml} and located in its own folder.
 *
 * @param id        the folder name, e.g. {@code hello-lambda}
 * @param title     what students see as the exercise's name
 * @param lesson    id of the lesson the exercise belongs to
 * @param runtime   Lambda runtime identifier: {@code java11}, {@code java17} or {@code java21}
 * @param handler   Lambda handler string, {@code pkg.Class::method} or {@code pkg.Class}
 * @param memory    function memory in MB
 * @param timeout   function timeout in seconds
 * @param directory   the exercise folder that holds {@code exercise.yml}, the statement and the code folders
 * @param sdk         the AWS SDK v2 modules the handler may use, each one of {@link SdkModules#ALLOWED}
 * @param environment the function's environment variables as written, possibly holding
 *                    {@link ResourceReference}s such as {@code ${table:orders}}; in descriptor order
 * @param resources   what a grading provisions for the function
 * @param files       which starter files are read-only in the editor and whether learners may add files
 * @param aids        hints, when the solution may be revealed, and the exercise's sample events
 * @param functions   every function a grading deploys, by logical name in descriptor order; an exercise written
 *                    with a single top-level {@code handler:} has one, named {@value #DEFAULT_FUNCTION}, and then
 *                    {@code handler}, {@code memory}, {@code timeout} and {@code environment} are its settings;
 *                    with {@code functions:} they are the defaults each function may override
 */
public record Exercise(String id, String title, String lesson, String runtime, String handler, int memory,
                       int timeout, Path directory, List<String> sdk, Map<String, String> environment,
                       ExerciseResources resources, ExerciseFiles files, ExerciseAids aids,
                       Map<String, FunctionSpec> functions) {

    /** The logical name of the function of an exercise that declares a single top-level {@code handler:}. */
    public static final String DEFAULT_FUNCTION = "function";

    public Exercise {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(directory, "directory");
        sdk = List.copyOf(sdk);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(aids, "aids");
        if (functions == null || functions.isEmpty()) {
            Objects.requireNonNull(handler, "handler");
            functions = Map.of(DEFAULT_FUNCTION, new FunctionSpec(DEFAULT_FUNCTION, handler, memory, timeout,
                    environment));
        }
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }

    /** An exercise with the one function its top-level {@code handler}, memory, timeout and environment describe. */
    public Exercise(String id, String title, String lesson, String runtime, String handler, int memory,
                    int timeout, Path directory, List<String> sdk, Map<String, String> environment,
                    ExerciseResources resources, ExerciseFiles files, ExerciseAids aids) {
        this(id, title, lesson, runtime, handler, memory, timeout, directory, sdk, environment, resources,
                files, aids, Map.of());
    }

    /** An exercise without hints, solution reveal or sample events. */
    public Exercise(String id, String title, String lesson, String runtime, String handler, int memory, int timeout,
                    Path directory, List<String> sdk, Map<String, String> environment,
                    ExerciseResources resources, ExerciseFiles files) {
        this(id, title, lesson, runtime, handler, memory, timeout, directory, sdk, environment, resources,
                files, ExerciseAids.none());
    }

    /** An exercise whose files are all editable and which takes no new files. */
    public Exercise(String id, String title, String lesson, String runtime, String handler, int memory, int timeout,
                    Path directory, List<String> sdk, Map<String, String> environment,
                    ExerciseResources resources, ExerciseAids aids) {
        this(id, title, lesson, runtime, handler, memory, timeout, directory, sdk, environment, resources,
                ExerciseFiles.defaults(), aids);
    }

    /** An exercise with every default: editable files, no hints, solution reveal or sample events. */
    public Exercise(String id, String title, String lesson, String runtime, String handler, int memory, int timeout,
                    Path directory, List<String> sdk, Map<String, String> environment,
                    ExerciseResources resources) {
        this(id, title, lesson, runtime, handler, memory, timeout, directory, sdk, environment, resources,
                ExerciseFiles.defaults(), ExerciseAids.none());
    }

    /** An exercise with no SDK modules, no environment and no resources beyond the function's role. */
    public Exercise(String id, String title, String lesson, String runtime, String handler, int memory, int timeout,
                    Path directory) {
        this(id, title, lesson, runtime, handler, memory, timeout, directory, List.of(), Map.of(),
                ExerciseResources.none(), ExerciseFiles.defaults());
    }

    /** True when a grading deploys more than one function, which targets and checks must then name. */
    public boolean hasSeveralFunctions() {
        return functions.size() > 1;
    }

    /** The function first in the descriptor: the test console's default, and the only one of most exercises. */
    public FunctionSpec firstFunction() {
        return functions.values().iterator().next();
    }

    /** The longest timeout of any of the exercise's functions, in seconds. */
    public int longestTimeout() {
        return functions.values().stream().mapToInt(FunctionSpec::timeout).max().orElse(timeout);
    }

    /** The Markdown statement shown to students. */
    public Path statementFile() {
        return directory.resolve("README.md");
    }

    /** The sources a student starts from. */
    public Path starterDir() {
        return directory.resolve("starter");
    }

    /** The reference solution; never served to students. */
    public Path solutionDir() {
        return directory.resolve("solution");
    }

    /** The JUnit 5 check classes the graders compile and run. */
    public Path checksDir() {
        return directory.resolve("checks");
    }

    /**
     * Reads the statement's Markdown text.
     *
     * @throws ContentException when README.md is missing or unreadable
     */
    public String statement() {
        Path file = statementFile();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ContentException(file.toString(), 0, "the exercise '" + id
                    + "' has no statement: add a README.md to its folder");
        } catch (IOException e) {
            throw new ContentException(file.toString(), 0, "cannot read the statement of '" + id + "' as UTF-8 text ("
                    + e.getMessage() + "): check that the file is readable and saved as UTF-8");
        }
    }
}
