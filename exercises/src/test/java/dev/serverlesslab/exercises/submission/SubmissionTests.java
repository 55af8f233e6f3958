package dev.serverlesslab.exercises.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTests {

    private static final String HELLO = "package example;\npublic class Hello {}\n";

    @TempDir
    Path dir;

    @Test
    void fromDirectory_readsEveryJavaFileByRelativePath_andIgnoresOtherFiles() throws IOException {
        write("example/Hello.java", HELLO);
        write("example/model/Greeting.java", "package example.model;\npublic record Greeting(String text) {}\n");
        write("README.md", "notes");
        write("example/Hello.class", "not a source");

        Submission submission = Submission.fromDirectory(dir);

        assertEquals(List.of("example/Hello.java", "example/model/Greeting.java"),
                List.copyOf(submission.files().keySet()));
        assertEquals(HELLO, submission.files().get("example/Hello.java"));
    }

    @Test
    void fromDirectory_keepsJsonDocuments_butOnlyJavaSourcesAreSources() throws IOException {
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": []}\n";
        write("example/Hello.java", HELLO);
        write("policy.json", policy);

        Submission submission = Submission.fromDirectory(dir);

        assertEquals(List.of("example/Hello.java", "policy.json"), List.copyOf(submission.files().keySet()));
        assertEquals(policy, submission.files().get("policy.json"));
        assertEquals(List.of("example/Hello.java"), List.copyOf(submission.sources().keySet()));
    }

    @Test
    void of_withOnlyAJsonDocument_saysNoJavaSourcesWereFound() {
        String message = rejection(() -> Submission.of(Map.of("policy.json", "{}")));

        assertTrue(message.startsWith("no Java sources found in the submission"), message);
    }

    @Test
    void fromDirectory_whenFolderIsMissing_saysItDoesNotExist() {
        String message = rejection(() -> Submission.fromDirectory(dir.resolve("nowhere")));

        assertTrue(message.contains("nowhere does not exist"), message);
    }

    @Test
    void fromDirectory_whenFolderIsEmpty_saysItIsEmpty() {
        String message = rejection(() -> Submission.fromDirectory(dir));

        assertTrue(message.contains(dir + " is empty"), message);
    }

    @Test
    void fromDirectory_whenFolderHoldsNoJavaSources_saysNoneWereFound() throws IOException {
        write("notes.txt", "hello");

        String message = rejection(() -> Submission.fromDirectory(dir));

        assertTrue(message.startsWith("no Java sources found in " + dir), message);
    }

    @Test
    void fromDirectory_whenAFileIsTooLarge_namesTheFileAndTheLimit() throws IOException {
        write("example/Big.java", "x".repeat(256 * 1024 + 1));

        String message = rejection(() -> Submission.fromDirectory(dir));

        assertTrue(message.startsWith("example/Big.java is 257 KB, more than the 256 KB allowed per file"), message);
    }

    @Test
    void fromDirectory_whenAFileNameHasASpace_namesTheFile() throws IOException {
        write("example/My Hello.java", HELLO);

        String message = rejection(() -> Submission.fromDirectory(dir));

        assertTrue(message.startsWith("example/My Hello.java: file names may use only"), message);
    }

    @Test
    void fromDirectory_whenASourceIsASymbolicLink_rejectsIt() throws IOException {
        Path outside = Files.writeString(Files.createTempFile("outside", ".java"), HELLO);
        try {
            Files.createSymbolicLink(dir.resolve("Linked.java"), outside);

            String message = rejection(() -> Submission.fromDirectory(dir));

            assertTrue(message.startsWith("Linked.java is a symbolic link"), message);
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void of_whenPathClimbsOutOfTheFolder_rejectsItNamingTheFile() {
        String message = rejection(() -> Submission.of(Map.of("../Hello.java", HELLO)));

        assertTrue(message.startsWith("../Hello.java: '..' is not allowed"), message);
    }

    @Test
    void of_whenPathIsAbsolute_rejectsItNamingTheFile() {
        String message = rejection(() -> Submission.of(Map.of("/tmp/Hello.java", HELLO)));

        assertTrue(message.startsWith("/tmp/Hello.java: absolute paths are not allowed"), message);
    }

    @Test
    void of_whenPathUsesBackslashes_rejectsItNamingTheFile() {
        String message = rejection(() -> Submission.of(Map.of("example\\Hello.java", HELLO)));

        assertTrue(message.startsWith("example\\Hello.java: backslashes are not allowed"), message);
    }

    @Test
    void of_whenPathHasCharactersOutsideTheAllowedSet_rejectsIt() {
        String message = rejection(() -> Submission.of(Map.of("exämple/Hello.java", HELLO)));

        assertTrue(message.startsWith("exämple/Hello.java: file names may use only"), message);
    }

    @Test
    void of_whenPathHasAnEmptyFolderName_rejectsIt() {
        String message = rejection(() -> Submission.of(Map.of("example//Hello.java", HELLO)));

        assertTrue(message.startsWith("example//Hello.java: empty or '.' folder names are not allowed"), message);
    }

    @Test
    void of_whenNamesDifferOnlyInCase_rejectsThem() {
        String message = rejection(() -> Submission.of(Map.of("Hello.java", HELLO, "hello.java", HELLO)));

        assertTrue(message.endsWith("differ only in upper/lower case: rename one"), message);
    }

    @Test
    void of_whenThereAreOnlyOtherFiles_saysNoJavaSourcesWereFound() {
        String message = rejection(() -> Submission.of(Map.of("notes.txt", "hi")));

        assertTrue(message.startsWith("no Java sources found in the submission"), message);
    }

    @Test
    void of_whenSourcesAddUpToMoreThanOneMegabyte_rejectsThem() {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            files.put("example/Part" + i + ".java", "x".repeat(250 * 1024));
        }

        String message = rejection(() -> Submission.of(files));

        assertTrue(message.startsWith("the Java sources add up to 1250 KB, more than the 1024 KB allowed"), message);
    }

    @Test
    void of_whenAModuleInfoIsIncluded_asksToDeleteIt() {
        String atRoot = rejection(() -> Submission.of(Map.of("module-info.java", "module hello {}\n",
                "example/Hello.java", HELLO)));
        String inFolder = rejection(() -> Submission.of(Map.of("example/module-info.java", "module hello {}\n")));

        assertTrue(atRoot.startsWith("module-info.java: module declarations are not used by Lambda functions"), atRoot);
        assertTrue(atRoot.endsWith("delete module-info.java"), atRoot);
        assertTrue(inFolder.startsWith("example/module-info.java: module declarations"), inFolder);
    }

    @Test
    void of_whenAPackageInfoIsIncluded_acceptsIt() {
        Submission submission = Submission.of(Map.of(
                "example/package-info.java", "/** Greetings. */\npackage example;\n", "example/Hello.java", HELLO));

        assertEquals(2, submission.files().size());
    }

    @Test
    void of_whenALineIsLongerThanTenThousandCharacters_namesFileAndLine() {
        String source = "class Long {\n  String s = \"" + "x".repeat(10_000) + "\";\n}\n";

        String message = rejection(() -> Submission.of(Map.of("example/Long.java", source)));

        assertTrue(message.startsWith("example/Long.java:2: the line is 10016 characters long, more than the 10000 "
                + "allowed"), message);
    }

    @Test
    void of_whenTheLongestLineIsExactlyTenThousandCharacters_acceptsIt() {
        String source = "//" + "x".repeat(9_998) + "\nclass Edge {}\n";

        assertEquals(source, Submission.of(Map.of("Edge.java", source)).files().get("Edge.java"));
    }

    @Test
    void of_whenThereAreMoreThan200Files_rejectsThem() {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 201; i++) {
            files.put("example/C" + i + ".java", "class C" + i + " {}");
        }

        String message = rejection(() -> Submission.of(files));

        assertTrue(message.contains("has 201 Java files, more than the 200 allowed"), message);
    }

    @Test
    void ofBytes_whenASourceIsNotUtf8_asksToSaveItAsUtf8() {
        byte[] latin1 = "// café\nclass Hello {}".getBytes(StandardCharsets.ISO_8859_1);

        String message = rejection(() -> Submission.ofBytes(Map.of("Hello.java", latin1)));

        assertEquals("Hello.java is not valid UTF-8 text: save it as UTF-8", message);
    }

    @Test
    void ofBytes_whenASourceStartsWithAByteOrderMark_dropsTheMark() {
        byte[] withBom = ("\uFEFF" + HELLO).getBytes(StandardCharsets.UTF_8);

        Submission submission = Submission.ofBytes(Map.of("example/Hello.java", withBom));

        assertEquals(HELLO, submission.files().get("example/Hello.java"));
    }

    @Test
    void files_areSortedByPathAndCannotBeChanged() {
        Submission submission = Submission.of(Map.of("b/B.java", "class B {}", "a/A.java", "class A {}"));

        assertEquals(List.of("a/A.java", "b/B.java"), List.copyOf(submission.files().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> submission.files().put("c/C.java", ""));
    }

    @Test
    void writeTo_thenFromDirectory_givesAnEqualSubmission() {
        Submission original = Submission.of(Map.of("example/Hello.java", HELLO, "Top.java", "class Top {}"));

        original.writeTo(dir.resolve("copy"));

        assertEquals(original, Submission.fromDirectory(dir.resolve("copy")));
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String rejection(Executable action) {
        return assertThrows(SubmissionException.class, action).getMessage();
    }
}
