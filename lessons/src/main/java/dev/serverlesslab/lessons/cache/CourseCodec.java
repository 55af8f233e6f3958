package dev.serverlesslab.lessons.cache;

import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.CourseModule;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.course.Quiz;
import dev.serverlesslab.lessons.markdown.Heading;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded {@link Course} as bytes and back, field by field in the records' order, for {@link CourseCache}. Each
 * record is rebuilt through its canonical constructor, so a field added to {@code Lesson} or {@code Quiz} does not
 * compile until it is written and read here too.
 *
 * <p>Reading trusts nothing: a count or length beyond what is left, or bytes left over, is an {@link IOException}.
 */
final class CourseCodec {

    private CourseCodec() {
    }

    static byte[] encode(Course course) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, course.title());
            text(out, course.summary());
            out.writeInt(course.modules().size());
            for (CourseModule module : course.modules()) {
                text(out, module.title());
                out.writeInt(module.lessons().size());
                for (Lesson lesson : module.lessons()) {
                    lesson(out, lesson);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static Course decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String title = text(in);
        String summary = text(in);
        int moduleCount = count(in);
        List<CourseModule> modules = new ArrayList<>(moduleCount);
        for (int m = 0; m < moduleCount; m++) {
            String moduleTitle = text(in);
            int lessonCount = count(in);
            List<Lesson> lessons = new ArrayList<>(lessonCount);
            for (int l = 0; l < lessonCount; l++) {
                lessons.add(lesson(in));
            }
            modules.add(new CourseModule(moduleTitle, lessons));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the course");
        }
        return new Course(title, summary, modules);
    }

    private static void lesson(DataOutputStream out, Lesson lesson) throws IOException {
        text(out, lesson.id());
        text(out, lesson.title());
        text(out, lesson.summary());
        texts(out, lesson.exercises());
        text(out, lesson.html());
        out.writeInt(lesson.toc().size());
        for (Heading heading : lesson.toc()) {
            out.writeInt(heading.level());
            text(out, heading.text());
            text(out, heading.anchor());
        }
        text(out, lesson.file().toString());
        out.writeBoolean(lesson.hasDiagram());
        out.writeInt(lesson.quizzes().size());
        for (Quiz quiz : lesson.quizzes()) {
            text(out, quiz.id());
            text(out, quiz.question());
            out.writeInt(quiz.options().size());
            for (Quiz.Option option : quiz.options()) {
                text(out, option.name());
                text(out, option.text());
                out.writeBoolean(option.correct());
                text(out, option.explanation());
            }
            texts(out, quiz.accepted());
            text(out, quiz.explanation());
            out.writeInt(quiz.line());
        }
    }

    private static Lesson lesson(DataInputStream in) throws IOException {
        String id = text(in);
        String title = text(in);
        String summary = text(in);
        List<String> exercises = texts(in);
        String html = text(in);
        int headingCount = count(in);
        List<Heading> toc = new ArrayList<>(headingCount);
        for (int i = 0; i < headingCount; i++) {
            toc.add(new Heading(in.readInt(), text(in), text(in)));
        }
        Path file = Path.of(text(in));
        boolean hasDiagram = in.readBoolean();
        int quizCount = count(in);
        List<Quiz> quizzes = new ArrayList<>(quizCount);
        for (int q = 0; q < quizCount; q++) {
            String quizId = text(in);
            String question = text(in);
            int optionCount = count(in);
            List<Quiz.Option> options = new ArrayList<>(optionCount);
            for (int o = 0; o < optionCount; o++) {
                options.add(new Quiz.Option(text(in), text(in), in.readBoolean(), text(in)));
            }
            quizzes.add(new Quiz(quizId, question, options, texts(in), text(in), in.readInt()));
        }
        return new Lesson(id, title, summary, exercises, html, toc, file, hasDiagram, quizzes);
    }

    /** Length and UTF-8 bytes: lessons' HTML is longer than {@code writeUTF}'s 64 KB. */
    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[count(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void texts(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            text(out, text);
        }
    }

    private static List<String> texts(DataInputStream in) throws IOException {
        int count = count(in);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(text(in));
        }
        return texts;
    }

    /** A count or length, which cannot be negative nor exceed the bytes left (each item takes at least one). */
    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new EOFException("count " + count + " with " + in.available() + " bytes left");
        }
        return count;
    }
}
