package dev.serverlesslab.lessons.search;

import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.markdown.Heading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Searches the lessons of a course by their titles, headings and text, for the site's search box.
 *
 * <p>A course has tens of lessons, so the index is each lesson's text in lower case, built once when the course is
 * loaded, and a query is a scan: every word of the query must occur in the lesson; a title counts more than a
 * heading, a heading more than running text, and the words together as typed more than apart. No service and no library is needed at this size.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class LessonSearch {

    /** Results shown at most; a query matching more is too broad to read through anyway. */
    public static final int MAX_RESULTS = 20;
    private static final int SNIPPET_CHARS = 180;
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final List<Entry> entries;

    public LessonSearch(Course course) {
        this.entries = course.lessons().stream().map(Entry::of).toList();
    }

    /**
     * The lessons matching every word of {@code query}, best first.
     *
     * @return empty for a blank query
     */
    public List<Hit> search(String query) {
        List<String> words = Arrays.stream(SPACE.split(query.toLowerCase(Locale.ROOT).strip()))
                .filter(word -> !word.isEmpty()).distinct().toList();
        if (words.isEmpty()) {
            return List.of();
        }
        List<Scored> scored = new ArrayList<>();
        for (Entry entry : entries) {
            int score = entry.score(words);
            if (score > 0) {
                scored.add(new Scored(entry.hit(words), score));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score).reversed())
                .limit(MAX_RESULTS)
                .map(Scored::hit)
                .toList();
    }

    /**
     * One lesson found.
     *
     * @param anchor  the heading under which the first word occurs, for a link straight to it; empty for the top
     * @param heading that heading's text; empty for the top
     * @param snippet plain text around the first occurrence (not HTML: show it escaped)
     */
    public record Hit(String lessonId, String title, String anchor, String heading, String snippet) {
    }

    private record Scored(Hit hit, int score) {
    }

    private record Entry(Lesson lesson, String title, List<Heading> headings, String text, String lowerText) {

        static Entry of(Lesson lesson) {
            String text = SPACE.matcher(unescape(TAG.matcher(lesson.html()).replaceAll(" "))).replaceAll(" ").strip();
            return new Entry(lesson, lesson.title().toLowerCase(Locale.ROOT), lesson.toc(), text,
                    text.toLowerCase(Locale.ROOT));
        }

        int score(List<String> words) {
            int score = 0;
            for (String word : words) {
                int inTitle = title.contains(word) ? 10 : 0;
                int inHeadings = (int) headings.stream()
                        .filter(heading -> heading.text().toLowerCase(Locale.ROOT).contains(word)).count() * 5;
                int inText = occurrences(lowerText, word);
                if (inTitle + inHeadings + inText == 0) {
                    return 0;
                }
                score += inTitle + inHeadings + Math.min(inText, 20);
            }
            // The words together, as typed, count more than the words apart.
            return score + (words.size() > 1 ? 15 * Math.min(occurrences(lowerText, String.join(" ", words)), 5) : 0);
        }

        Hit hit(List<String> words) {
            int phrase = lowerText.indexOf(String.join(" ", words));
            int at = phrase >= 0 ? phrase
                    : words.stream().mapToInt(lowerText::indexOf).filter(index -> index >= 0).min().orElse(-1);
            Heading under = null;
            if (at >= 0) {
                // The last heading whose text appears before the match is the section the match is in.
                int searchFrom = 0;
                for (Heading heading : headings) {
                    int position = lowerText.indexOf(heading.text().toLowerCase(Locale.ROOT), searchFrom);
                    if (position < 0 || position > at) {
                        break;
                    }
                    under = heading;
                    searchFrom = position + 1;
                }
            }
            return new Hit(lesson.id(), lesson.title(), under == null ? "" : under.anchor(),
                    under == null ? "" : under.text(), snippet(at));
        }

        private String snippet(int at) {
            if (at < 0) {
                return text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS).strip() + "…";
            }
            int start = Math.max(0, at - SNIPPET_CHARS / 3);
            int end = Math.min(text.length(), start + SNIPPET_CHARS);
            return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
        }

        private static int occurrences(String text, String word) {
            int count = 0;
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
                count++;
            }
            return count;
        }

        private static String unescape(String html) {
            return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&nbsp;", " ").replace("&amp;", "&");
        }
    }
}
