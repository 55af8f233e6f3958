package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code course.yml} says: the course title and summary, and its modules with the ids of their lessons and
 * the lines those ids are listed on.
 */
record CourseOutline(String title, String summary, List<ModuleOutline> modules) {

    /** A module as listed in course.yml, before its lessons are read. */
    record ModuleOutline(String title, List<LessonRef> lessons) {
    }

    /** A lesson id as listed in course.yml, with its line for error messages. */
    record LessonRef(String id, int line) {
    }

    // Ids become file names and URL segments (/lessons/<id>), so keep them to characters that are safe in both.
    private static final Pattern LESSON_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final String MODULES_EXAMPLE = "'- title: Foundations' followed by 'lessons: [01-intro]'";
    private static final String LESSONS_EXAMPLE = "[01-what-serverless-is, 02-anatomy-of-a-lambda-function]";

    static CourseOutline read(ContentFile file) {
        String shownAs = file.shownAs();
        YamlNode root;
        try {
            root = YamlNode.parse(file.read(), 1);
        } catch (ContentException e) {
            throw e.file() == null ? e.inFile(shownAs) : e;
        }
        if (root.isNull()) {
            throw new ContentException(shownAs, 1, "the file is empty; it needs 'title:' and 'modules:'");
        }
        if (!root.isMapping()) {
            throw new ContentException(shownAs, root.line(),
                    "must be fields such as 'title: ...' and 'modules: ...', not " + root.kind());
        }
        Fields fields = new Fields(shownAs, "field", root, List.of("title", "summary", "modules"));
        String title = fields.requiredText("title");
        String summary = fields.optionalText("summary");
        List<ModuleOutline> modules = new ArrayList<>();
        for (YamlNode module : fields.requiredList("modules", MODULES_EXAMPLE)) {
            modules.add(readModule(shownAs, module));
        }
        return new CourseOutline(title, summary, modules);
    }

    private static ModuleOutline readModule(String shownAs, YamlNode module) {
        if (!module.isMapping()) {
            throw new ContentException(shownAs, module.line(),
                    "each module must have 'title:' and 'lessons:', not be " + module.kind()
                            + "; write it like " + MODULES_EXAMPLE);
        }
        Fields fields = new Fields(shownAs, "module field", module, List.of("title", "lessons"));
        String title = fields.requiredText("title");
        List<LessonRef> lessons = new ArrayList<>();
        for (YamlNode item : fields.requiredList("lessons", LESSONS_EXAMPLE)) {
            String id = fields.listedText("lessons", item, LESSONS_EXAMPLE);
            if (!LESSON_ID.matcher(id).matches()) {
                throw new ContentException(shownAs, item.line(), "lesson id '" + id
                        + "' may only contain letters, digits, '-' and '_'; it is the lesson's file name without .md");
            }
            lessons.add(new LessonRef(id, item.line()));
        }
        return new ModuleOutline(title, lessons);
    }
}
