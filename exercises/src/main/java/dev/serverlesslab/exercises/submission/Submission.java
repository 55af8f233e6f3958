package dev.serverlesslab.exercises.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of a learner's submission, validated (names, sizes, UTF-8) and immutable: Java sources, and the JSON
 * documents an exercise may have the learner write (an IAM policy, say), which checks read and nothing compiles.
 */
public final class Submission {

    private final SortedMap<String, String> files;

    private Submission(SortedMap<String, String> files) {
        this.files = Collections.unmodifiableSortedMap(files);
    }

    /**
     * Reads every {@code *.java} and {@code *.json} file below {@code dir}, named by its path relative to
     * {@code dir}.
     *
     * @throws SubmissionException when the folder is missing or empty, holds no Java sources, or breaks a limit
     */
    public static Submission fromDirectory(Path dir) {
        if (!Files.exists(dir)) {
            throw new SubmissionException("submission folder " + dir + " does not exist: check the path");
        }
        if (!Files.isDirectory(dir)) {
            throw new SubmissionException(dir + " is a file, not a folder: give the folder that holds your .java "
                    + "files");
        }
        List<Path> entries = list(dir);
        if (entries.isEmpty()) {
            throw new SubmissionException("submission folder " + dir + " is empty: put your .java files in it, "
                    + "e.g. example/Hello.java");
        }
        List<Path> sources = entries.stream().filter(p -> SubmissionRules.isLearnerFile(p.toString())).toList();
        if (sources.stream().noneMatch(p -> SubmissionRules.isJavaSource(p.toString()))) {
            throw new SubmissionException("no Java sources found in " + dir
                    + ": put your .java files there, e.g. example/Hello.java");
        }
        SubmissionRules.checkCount(sources.size(), dir.toString());
        Map<String, byte[]> read = new LinkedHashMap<>();
        long total = 0;
        for (Path source : sources) {
            String name = relativeName(dir, source);
            // Checked before reading, so a huge or linked file is never pulled into memory.
            SubmissionRules.checkName(name);
            if (Files.isSymbolicLink(source)) {
                throw new SubmissionException(name + " is a symbolic link: copy the file itself into the folder");
            }
            long size = size(source);
            SubmissionRules.checkFileSize(name, size);
            total += size;
            SubmissionRules.checkTotalSize(total);
            read.put(name, readBytes(source));
        }
        return new Submission(SubmissionRules.validate(read, dir.toString()));
    }

    /**
     * Takes sources given as text, e.g. from the browser editor.
     *
     * @param files path relative to the submission root (e.g. {@code example/Hello.java}) to source text
     */
    public static Submission of(Map<String, String> files) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        files.forEach((path, text) -> {
            if (SubmissionRules.isLearnerFile(path)) {
                encoded.put(path, encode(path, text));
            }
        });
        return ofBytes(encoded);
    }

    /**
     * Takes sources given as bytes, e.g. from an upload, and checks that each Java source is UTF-8 text.
     *
     * @param files path relative to the submission root to file content; files not ending in .java or .json are
     *              ignored
     */
    public static Submission ofBytes(Map<String, byte[]> files) {
        return new Submission(SubmissionRules.validate(files, "the submission"));
    }

    /** Every file, Java sources and documents, path to text, sorted by path. */
    public Map<String, String> files() {
        return files;
    }

    /** The Java sources only, path to text, sorted by path: what the compiler gets. */
    public SortedMap<String, String> sources() {
        return Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files.entrySet().stream()
                .filter(file -> SubmissionRules.isJavaSource(file.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    /** Writes the sources below {@code dir}, creating folders as needed. */
    public void writeTo(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey()).normalize();
                // Names were validated already; this guards the invariant against future changes to the rules.
                if (!target.startsWith(root)) {
                    throw new IllegalStateException(file.getKey() + " resolves outside " + root);
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the submission to " + dir, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Submission that && files.equals(that.files);
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }

    @Override
    public String toString() {
        return "Submission" + files.keySet();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir))
                    .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException | UncheckedIOException e) {
            throw new SubmissionException("cannot read submission folder " + dir + " (" + e.getMessage()
                    + "): check that it and its subfolders are readable", e);
        }
    }

    private static String relativeName(Path dir, Path file) {
        Path relative = dir.relativize(file);
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new SubmissionException("cannot read " + file + " (" + e.getMessage() + "): check it is readable", e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SubmissionException("cannot read " + file + " (" + e.getMessage() + "): check it is readable", e);
        }
    }

    private static byte[] encode(String path, String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw new SubmissionException(path + " contains characters that cannot be saved as UTF-8 text: "
                    + "remove them or retype the surrounding code", e);
        }
    }
}
