package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.GradingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Brings the submission folders of the JSON-file store ({@code <data>/submissions/<id>/submission.json},
 * {@code sources/}, {@code report.json}) into the database. A folder is imported whole or not at all; folders are
 * never changed or removed, and ids already in the database are skipped, so running it on every start is safe.
 */
public final class JsonEraImport {

    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SubmissionStore store;

    public JsonEraImport(SubmissionStore store) {
        this.store = store;
    }

    /** Imports every folder below {@code submissionsDir} not yet in the database, for the solo learner. */
    public Result importFrom(Path submissionsDir) {
        List<String> imported = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int alreadyThere = 0;
        for (Path folder : folders(submissionsDir)) {
            String name = folder.getFileName().toString();
            if (name.startsWith(".")) {
                // A ".incoming-" folder: an upload the old store was still writing when it stopped, never answered.
                continue;
            }
            if (!SubmissionIds.isValid(name)) {
                problems.add(folder + ": not a submission folder name, left as it is");
            } else if (store.contains(name)) {
                alreadyThere++;
            } else {
                try {
                    importFolder(name, folder);
                    imported.add(name);
                } catch (RuntimeException e) {
                    problems.add(folder + ": " + describe(e) + "; not imported, the folder is left as it is");
                }
            }
        }
        return new Result(submissionsDir, imported, alreadyThere, problems);
    }

    private void importFolder(String id, Path folder) {
        SubmissionFile record = read(folder.resolve("submission.json"), SubmissionFile.class);
        if (!id.equals(record.id()) || record.exerciseId() == null || record.state() == null
                || record.createdAt() == null) {
            throw new IllegalStateException("submission.json does not describe submission " + id
                    + " (it needs id, exerciseId, createdAt and state)");
        }
        Submission sources = Submission.fromDirectory(folder.resolve("sources"));
        Path reportFile = folder.resolve("report.json");
        GradingReport report = Files.isRegularFile(reportFile) ? GradingReport.fromJson(text(reportFile)) : null;
        StoredSubmission stored = new StoredSubmission(id, store.soloLearner(), record.exerciseId(), Instant.parse(record.createdAt()),
                record.state(), record.error());
        store.insertAsIs(stored, sources.files(), report);
    }

    private <T> T read(Path file, Class<T> type) {
        try {
            return json.readValue(text(file), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(file.getFileName() + " is not readable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> folders(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * What one import did.
     *
     * @param alreadyThere folders imported by an earlier start
     * @param problems     one line per folder that was not imported, naming it and why
     */
    public record Result(Path from, List<String> imported, int alreadyThere, List<String> problems) {

        /** The lines the console shows; none when there was nothing to import. */
        public List<String> consoleLines() {
            List<String> lines = new ArrayList<>();
            if (!imported.isEmpty()) {
                lines.add("Imported " + imported.size() + " submission" + (imported.size() == 1 ? "" : "s")
                        + " from " + from + " into the database; the folders are kept as they were and later starts "
                        + "skip them.");
            }
            for (String problem : problems) {
                lines.add("Could not import " + problem + ". Fix or remove it; the next start tries again.");
            }
            return lines;
        }
    }

    /** The shape of the JSON-era {@code submission.json}. */
    private record SubmissionFile(String id, String exerciseId, String createdAt, SubmissionState state, String error) {
    }
}
