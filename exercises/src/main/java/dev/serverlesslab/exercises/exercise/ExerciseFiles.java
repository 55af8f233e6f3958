package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a learner may do with an exercise's files in the browser editor: which starter files are read-only
 * ({@code readOnly: [paths]} in {@code exercise.yml}) and whether files of their own may be added
 * ({@code allowNewFiles: true}). The editor shows these rules; {@link #enforce} holds them on the server too.
 *
 * @param readOnly      starter paths (relative to {@code starter/}) the learner cannot change
 * @param allowNewFiles whether a submission may hold files the starter does not have
 */
public record ExerciseFiles(Set<String> readOnly, boolean allowNewFiles) {

    public ExerciseFiles {
        readOnly = Set.copyOf(new TreeSet<>(readOnly));
    }

    /** Every file editable, no new files: what an exercise gets when its descriptor says nothing. */
    public static ExerciseFiles defaults() {
        return new ExerciseFiles(Set.of(), false);
    }

    public boolean isReadOnly(String path) {
        return readOnly.contains(path);
    }

    /**
     * The submission to grade and store: read-only files carry the starter's text whatever was sent (and are put back
     * when left out), so a changed helper can never count; a file the starter lacks is refused, with a message saying
     * so, unless the exercise allows new files.
     *
     * @throws SubmissionException naming the first file the exercise does not allow
     */
    public Submission enforce(Submission submitted, Submission starter) {
        Map<String, String> files = new TreeMap<>(submitted.files());
        if (!allowNewFiles) {
            for (String path : files.keySet()) {
                if (!starter.files().containsKey(path)) {
                    throw new SubmissionException(path + " is not a file of this exercise, which does not allow "
                            + "adding files: put your code into " + String.join(", ", editable(starter)) + ".");
                }
            }
        }
        for (String path : readOnly) {
            String original = starter.files().get(path);
            if (original != null) {
                files.put(path, original);
            }
        }
        return Submission.of(files);
    }

    private List<String> editable(Submission starter) {
        return starter.files().keySet().stream().filter(path -> !isReadOnly(path)).toList();
    }
}
