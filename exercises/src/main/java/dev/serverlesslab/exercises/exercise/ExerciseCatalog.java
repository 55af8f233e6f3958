package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All exercises of a course, read from {@code <content>/exercises/<id>/exercise.yml}.
 */
public final class ExerciseCatalog {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    private final List<Exercise> exercises;

    private ExerciseCatalog(List<Exercise> exercises) {
        this.exercises = List.copyOf(exercises);
    }

    /**
     * Loads every exercise folder below {@code contentDir/exercises}; a course without that folder has no exercises.
     *
     * @throws ContentException naming file and line of every broken exercise, one per line of the message
     */
    public static ExerciseCatalog load(Path contentDir) {
        Result result = loadReporting(contentDir);
        if (!result.problems().isEmpty()) {
            throw new ContentException(null, 0, String.join("\n", result.problems()));
        }
        return result.catalog();
    }

    /**
     * Loads every exercise folder that can be loaded and collects a problem (file:line where known) for each one
     * that cannot, so {@code lab validate} and live reload can report them all at once.
     */
    public static Result loadReporting(Path contentDir) {
        if (!Files.isDirectory(contentDir)) {
            return new Result(new ExerciseCatalog(List.of()), List.of("content folder " + contentDir
                    + " does not exist: point the platform at the folder that holds course.yml"));
        }
        Path root = contentDir.resolve("exercises");
        if (!Files.isDirectory(root)) {
            return new Result(new ExerciseCatalog(List.of()), List.of());
        }
        ExerciseDescriptorParser parser = new ExerciseDescriptorParser();
        List<Exercise> exercises = new ArrayList<>();
        // Every broken exercise is reported at once, so an instructor fixes them in one pass rather than one per run.
        List<String> problems = new ArrayList<>();
        List<Path> folders;
        try {
            folders = exerciseFolders(root);
        } catch (ContentException e) {
            return new Result(new ExerciseCatalog(List.of()), List.of(e.getMessage()));
        }
        for (Path directory : folders) {
            try {
                exercises.add(loadOne(directory, parser));
            } catch (ContentException e) {
                problems.add(e.getMessage());
            }
        }
        exercises.sort(Comparator.comparing(Exercise::id));
        return new Result(new ExerciseCatalog(exercises), problems);
    }

    /**
     * What {@link #loadReporting} found.
     *
     * @param catalog  the exercises that loaded
     * @param problems one message per exercise folder that did not, each starting with its file (and line)
     */
    public record Result(ExerciseCatalog catalog, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Every exercise, sorted by id. */
    public List<Exercise> all() {
        return exercises;
    }

    /** The exercise with this id, if the course has one. */
    public Optional<Exercise> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    private static Exercise loadOne(Path directory, ExerciseDescriptorParser parser) {
        String id = directory.getFileName().toString();
        if (!ID.matcher(id).matches()) {
            throw new ContentException(directory.toString(), 0, "exercise folder names are the exercise ids and may use"
                    + " only a-z, 0-9 and '-', got '" + id + "': rename the folder");
        }
        Path descriptor = directory.resolve("exercise.yml");
        if (!Files.isRegularFile(descriptor)) {
            throw new ContentException(directory.toString(), 0, "has no exercise.yml: add one (title, lesson, handler)"
                    + " or move the folder out of " + directory.getParent());
        }
        return parser.parse(id, directory, descriptor);
    }

    private static List<Path> exerciseFolders(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            // Hidden folders (.git, editor state) are not exercises.
            return children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new ContentException(null, 0, "cannot list the exercises in " + root + " (" + e.getMessage()
                    + "): check that the folder is readable", e);
        }
    }
}
