package dev.serverlesslab.server.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.progress.AttemptDiff.Change;
import dev.serverlesslab.server.progress.AttemptDiff.FileDiff;
import dev.serverlesslab.server.progress.AttemptDiff.Line;
import dev.serverlesslab.server.progress.AttemptDiff.LineType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The line diff between two attempts, as the comparison page lays it out. */
class AttemptDiffTests {

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void aChangedLine_isShownRemovedThenAdded_withBothSidesLineNumbers_andThreeLinesOfContext() {
        String before = numbered(1, 20);
        String after = before.replace("line 10\n", "line ten\n");

        FileDiff file = AttemptDiff.between(Map.of("A.java", before), Map.of("A.java", after)).files().get(0);

        assertEquals(Change.CHANGED, file.change());
        assertEquals(1, file.added());
        assertEquals(1, file.removed());
        assertEquals(1, file.hunks().size());
        AttemptDiff.Hunk hunk = file.hunks().get(0);
        assertEquals("@@ -7,7 +7,7 @@", hunk.header());
        assertEquals(List.of(
                new Line(LineType.CONTEXT, 7, 7, "line 7"),
                new Line(LineType.CONTEXT, 8, 8, "line 8"),
                new Line(LineType.CONTEXT, 9, 9, "line 9"),
                new Line(LineType.REMOVED, 10, null, "line 10"),
                new Line(LineType.ADDED, null, 10, "line ten"),
                new Line(LineType.CONTEXT, 11, 11, "line 11"),
                new Line(LineType.CONTEXT, 12, 12, "line 12"),
                new Line(LineType.CONTEXT, 13, 13, "line 13")), hunk.lines());
    }

    @Test
    void insertedLines_shiftLaterNumbers_andFarApartChangesMakeTwoHunks() {
        String before = numbered(1, 30);
        String after = before.replace("line 2\n", "line 2\nnew a\nnew b\n").replace("line 25\n", "");

        FileDiff file = AttemptDiff.between(Map.of("A.java", before), Map.of("A.java", after)).files().get(0);

        assertEquals(2, file.added());
        assertEquals(1, file.removed());
        assertEquals(List.of("@@ -1,5 +1,7 @@", "@@ -22,7 +24,6 @@"),
                file.hunks().stream().map(AttemptDiff.Hunk::header).toList());
        Line removed = file.hunks().get(1).lines().stream().filter(line -> line.type() == LineType.REMOVED)
                .findFirst().orElseThrow();
        assertEquals(new Line(LineType.REMOVED, 25, null, "line 25"), removed);
        assertEquals(new Line(LineType.CONTEXT, 26, 27, "line 26"), file.hunks().get(1).lines().get(4));
    }

    @Test
    void aFileOnlyInOneAttempt_isMarkedAddedOrRemoved_withEveryLine() {
        AttemptDiff diff = AttemptDiff.between(
                Map.of("Old.java", "a\nb\n", "Same.java", "x\n"),
                Map.of("New.java", "c\n", "Same.java", "x\n"));

        assertEquals(List.of("New.java", "Old.java", "Same.java"), diff.files().stream().map(FileDiff::path).toList());
        FileDiff added = diff.files().get(0);
        assertEquals(Change.ADDED, added.change());
        assertEquals("@@ -0,0 +1,1 @@", added.hunks().get(0).header());
        assertEquals(List.of(new Line(LineType.ADDED, null, 1, "c")), added.hunks().get(0).lines());
        FileDiff removed = diff.files().get(1);
        assertEquals(Change.REMOVED, removed.change());
        assertEquals(List.of(new Line(LineType.REMOVED, 1, null, "a"), new Line(LineType.REMOVED, 2, null, "b")),
                removed.hunks().get(0).lines());
        FileDiff same = diff.files().get(2);
        assertEquals(Change.UNCHANGED, same.change());
        assertEquals(List.of(), same.hunks());
        assertFalse(diff.identical());
    }

    @Test
    void theSameFiles_areIdentical() {
        Map<String, String> files = Map.of("A.java", numbered(1, 5));
        assertTrue(AttemptDiff.between(files, files).identical());
    }
}
