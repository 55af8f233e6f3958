package dev.serverlesslab.server.submission;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.report.GradingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Submissions on disk, one folder each: {@code <id>/sources/<path>}, {@code <id>/submission.json} and, once graded,
 * {@code <id>/report.json}. Every file is written whole and then renamed into place, so a crash never leaves a
 * half-written one behind.
 */
public final class SubmissionStore {

    private static final String STAGING_PREFIX = ".incoming-";

    private final Path root;
    private final Clock clock;
    private final SubmissionIds ids;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SubmissionStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
        this.ids = new SubmissionIds(clock);
    }

    /** Stores the sources and a QUEUED record; the submission exists on disk from the moment this returns. */
    public StoredSubmission create(String exerciseId, Submission submission) {
        try {
            Files.createDirectories(root);
            String id = ids.next();
            while (Files.exists(root.resolve(id))) {
                id = ids.next();
            }
            StoredSubmission stored = new StoredSubmission(id, exerciseId, clock.instant(), SubmissionState.QUEUED, null);
            // Built in a staging folder and renamed in one step, so readers see the whole submission or none of it.
            Path staging = root.resolve(STAGING_PREFIX + id);
            submission.writeTo(staging.resolve("sources"));
            Files.writeString(staging.resolve("submission.json"), toJson(stored), StandardCharsets.UTF_8);
            Files.move(staging, root.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a submission under " + root, e);
        }
    }

    /** The submission with this id, if there is one; ids that could not have come from this store find nothing. */
    public Optional<StoredSubmission> find(String id) {
        if (!SubmissionIds.isValid(id)) {
            return Optional.empty();
        }
        Path file = root.resolve(id).resolve("submission.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    /** The files the learner submitted. */
    public Submission sources(String id) {
        return Submission.fromDirectory(folder(id).resolve("sources"));
    }

    /** Records a new state of a submission. */
    public void save(StoredSubmission submission) {
        writeAtomically(folder(submission.id()).resolve("submission.json"), toJson(submission));
    }

    /** Keeps the verdict of a grading beside its submission. */
    public void saveReport(String id, GradingReport report) {
        writeAtomically(folder(id).resolve("report.json"), report.toJson());
    }

    /** The verdict, once the submission has been graded. */
    public Optional<GradingReport> report(String id) {
        Path file = folder(id).resolve("report.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(GradingReport.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Submissions a previous run accepted but did not finish grading (QUEUED or RUNNING), oldest first. Staging
     * folders left by a crash mid-store are removed: their submitter never got an answer, so nothing refers to them.
     */
    public List<StoredSubmission> recoverUnfinished() {
        List<StoredSubmission> unfinished = new ArrayList<>();
        for (Path folder : folders()) {
            String name = folder.getFileName().toString();
            if (name.startsWith(STAGING_PREFIX)) {
                deleteRecursively(folder);
            } else {
                find(name).filter(s -> !s.state().finished()).ifPresent(unfinished::add);
            }
        }
        unfinished.sort(Comparator.comparing(StoredSubmission::id));
        return unfinished;
    }

    /** The latest submissions of one exercise, newest first. */
    public List<StoredSubmission> recent(String exerciseId, int limit) {
        return folders().stream()
                .map(folder -> folder.getFileName().toString())
                .sorted(Comparator.reverseOrder())
                .map(this::find)
                .flatMap(Optional::stream)
                .filter(s -> s.exerciseId().equals(exerciseId))
                .limit(limit)
                .toList();
    }

    private Path folder(String id) {
        if (!SubmissionIds.isValid(id)) {
            throw new IllegalArgumentException("not a submission id: " + id);
        }
        return root.resolve(id);
    }

    private List<Path> folders() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list submissions in " + root, e);
        }
    }

    private String toJson(StoredSubmission submission) {
        try {
            return json.writeValueAsString(new SubmissionFile(submission.id(), submission.exerciseId(),
                    submission.createdAt().toString(), submission.state(), submission.error()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredSubmission read(Path file) {
        try {
            SubmissionFile stored = json.readValue(file.toFile(), SubmissionFile.class);
            return new StoredSubmission(stored.id(), stored.exerciseId(), Instant.parse(stored.createdAt()),
                    stored.state(), stored.error());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String content) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished upload " + folder, e);
        }
    }

    /** The shape of {@code submission.json}; the time is ISO-8601 text so the file reads well. */
    private record SubmissionFile(String id, String exerciseId, String createdAt, SubmissionState state, String error) {
    }
}
