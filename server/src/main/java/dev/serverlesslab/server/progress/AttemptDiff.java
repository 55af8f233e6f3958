package dev.serverlesslab.server.progress;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two attempts' files, as a unified line diff per file: the lines each side has only, with a
 * few lines of context and both sides' line numbers. Lines are compared by java-diff-utils (Myers' algorithm); this
 * class only lays its deltas out in hunks for the comparison page.
 *
 * @param files every path of either attempt, sorted, with what became of it
 */
public record AttemptDiff(List<FileDiff> files) {

    /** Unchanged lines shown around each change, as {@code diff -u} does. */
    public static final int CONTEXT = 3;

    public AttemptDiff {
        files = List.copyOf(files);
    }

    /** The diff from the {@code earlier} attempt's files to the {@code later} one's, by path. */
    public static AttemptDiff between(Map<String, String> earlier, Map<String, String> later) {
        TreeSet<String> paths = new TreeSet<>(earlier.keySet());
        paths.addAll(later.keySet());
        List<FileDiff> files = new ArrayList<>();
        for (String path : paths) {
            String before = earlier.get(path);
            String after = later.get(path);
            Change change = before == null ? Change.ADDED : after == null ? Change.REMOVED
                    : before.equals(after) ? Change.UNCHANGED : Change.CHANGED;
            files.add(FileDiff.of(path, change, lines(before), lines(after)));
        }
        return new AttemptDiff(files);
    }

    /** Whether both attempts hold the very same files. */
    public boolean identical() {
        return files.stream().allMatch(file -> file.change() == Change.UNCHANGED);
    }

    private static List<String> lines(String content) {
        return content == null ? List.of() : content.lines().toList();
    }

    /** What became of a file from one attempt to the next; the word is shown, the colour only repeats it. */
    public enum Change {
        ADDED("added"),
        REMOVED("removed"),
        CHANGED("changed"),
        UNCHANGED("unchanged");

        private final String label;

        Change(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String cssClass() {
            return "file-" + label;
        }
    }

    /**
     * One file of the comparison.
     *
     * @param hunks the changed regions with their context; empty for an unchanged file
     * @param added how many lines only the later attempt has
     * @param removed how many lines only the earlier attempt has
     */
    public record FileDiff(String path, Change change, List<Hunk> hunks, int added, int removed) {

        public FileDiff {
            hunks = List.copyOf(hunks);
        }

        static FileDiff of(String path, Change change, List<String> before, List<String> after) {
            List<Line> all = align(before, after);
            int added = (int) all.stream().filter(line -> line.type() == LineType.ADDED).count();
            int removed = (int) all.stream().filter(line -> line.type() == LineType.REMOVED).count();
            return new FileDiff(path, change, hunks(all), added, removed);
        }

        /** "+3 −1" for the file's heading. */
        public String counts() {
            return "+" + added + " \u2212" + removed;
        }

        /** Every line of both sides in order: unchanged ones once, each change as its removed then added lines. */
        private static List<Line> align(List<String> before, List<String> after) {
            List<Line> lines = new ArrayList<>();
            int oldIndex = 0;
            int newIndex = 0;
            for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
                Chunk<String> source = delta.getSource();
                Chunk<String> target = delta.getTarget();
                while (oldIndex < source.getPosition()) {
                    lines.add(new Line(LineType.CONTEXT, oldIndex + 1, newIndex + 1, before.get(oldIndex)));
                    oldIndex++;
                    newIndex++;
                }
                for (String text : source.getLines()) {
                    lines.add(new Line(LineType.REMOVED, ++oldIndex, null, text));
                }
                for (String text : target.getLines()) {
                    lines.add(new Line(LineType.ADDED, null, ++newIndex, text));
                }
            }
            while (oldIndex < before.size()) {
                lines.add(new Line(LineType.CONTEXT, oldIndex + 1, newIndex + 1, before.get(oldIndex)));
                oldIndex++;
                newIndex++;
            }
            return lines;
        }

        /** The changed lines with up to {@link #CONTEXT} unchanged ones around each; changes that close merge. */
        private static List<Hunk> hunks(List<Line> all) {
            boolean[] shown = new boolean[all.size()];
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).type() != LineType.CONTEXT) {
                    for (int j = Math.max(0, i - CONTEXT); j <= Math.min(all.size() - 1, i + CONTEXT); j++) {
                        shown[j] = true;
                    }
                }
            }
            List<Hunk> hunks = new ArrayList<>();
            int start = -1;
            for (int i = 0; i <= all.size(); i++) {
                boolean show = i < all.size() && shown[i];
                if (show && start < 0) {
                    start = i;
                } else if (!show && start >= 0) {
                    hunks.add(Hunk.of(all, start, i));
                    start = -1;
                }
            }
            return hunks;
        }
    }

    /**
     * A run of changed lines with their context.
     *
     * @param header the {@code @@ -12,4 +12,6 @@} line of a unified diff: where the run starts and how long it is on
     *               each side
     */
    public record Hunk(String header, List<Line> lines) {

        public Hunk {
            lines = List.copyOf(lines);
        }

        static Hunk of(List<Line> all, int from, int to) {
            List<Line> lines = all.subList(from, to);
            int oldCount = (int) lines.stream().filter(line -> line.oldNumber() != null).count();
            int newCount = (int) lines.stream().filter(line -> line.newNumber() != null).count();
            // Lines before the hunk on each side; a side with no line in the hunk starts after them, as diff -u says.
            int oldBefore = (int) all.subList(0, from).stream().filter(line -> line.oldNumber() != null).count();
            int newBefore = (int) all.subList(0, from).stream().filter(line -> line.newNumber() != null).count();
            String header = "@@ -" + range(oldBefore, oldCount) + " +" + range(newBefore, newCount) + " @@";
            return new Hunk(header, lines);
        }

        private static String range(int before, int count) {
            return (count == 0 ? before : before + 1) + "," + count;
        }
    }

    /** Whether a line is in both attempts or only one. */
    public enum LineType {
        CONTEXT(" ", "line-context", "unchanged"),
        REMOVED("-", "line-removed", "removed"),
        ADDED("+", "line-added", "added");

        private final String marker;
        private final String cssClass;
        private final String spoken;

        LineType(String marker, String cssClass, String spoken) {
            this.marker = marker;
            this.cssClass = cssClass;
            this.spoken = spoken;
        }

        /** The unified diff's first column: {@code +}, {@code -} or a space. */
        public String marker() {
            return marker;
        }

        public String cssClass() {
            return cssClass;
        }

        /** The word a screen reader says for the marker. */
        public String spoken() {
            return spoken;
        }
    }

    /**
     * One line of a hunk.
     *
     * @param oldNumber its number in the earlier attempt's file, null for an added line
     * @param newNumber its number in the later attempt's file, null for a removed line
     * @param text the line as the learner wrote it, shown escaped
     */
    public record Line(LineType type, Integer oldNumber, Integer newNumber, String text) {
    }
}
