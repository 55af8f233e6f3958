package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;

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
        YamlFields read = new YamlFields(shownAs);
        Mapping course = (Mapping) root;
        read.allowOnly(course, "", List.of("title", "summary", "modules"));
        String title = read.requiredText(course, "", "title", "name the course, e.g. title: Serverless Java");
        String summary = read.optionalText(course, "", "summary");
        List<YamlNode> items = read.sequence(read.required(course, "", "modules", "list the modules, each like "
                + MODULES_EXAMPLE), "modules", MODULES_EXAMPLE).items();
        List<ModuleOutline> modules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            modules.add(readModule(read, "modules[" + i + "]", items.get(i)));
        }
        return new CourseOutline(title, summary, modules);
    }

    private static ModuleOutline readModule(YamlFields read, String path, YamlNode module) {
        String shownAs = read.file();
        if (!module.isMapping()) {
            throw new ContentException(shownAs, module.line(),
                    "each module must have 'title:' and 'lessons:', not be " + module.kind()
                            + "; write it like " + MODULES_EXAMPLE);
        }
        Mapping fields = (Mapping) module;
        read.allowOnly(fields, path, List.of("title", "lessons"));
        String title = read.requiredText(fields, path, "title", "name the module, e.g. title: Foundations");
        String field = YamlFields.join(path, "lessons");
        List<YamlNode> items = read.sequence(read.required(fields, path, "lessons", "list its lessons, e.g. lessons: "
                + LESSONS_EXAMPLE), field, LESSONS_EXAMPLE).items();
        List<LessonRef> lessons = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String id = read.text(item, field + "[" + i + "]");
            if (!LESSON_ID.matcher(id).matches()) {
                throw new ContentException(shownAs, item.line(), "lesson id '" + id
                        + "' may only contain letters, digits, '-' and '_'; it is the lesson's file name without .md");
            }
            lessons.add(new LessonRef(id, item.line()));
        }
        return new ModuleOutline(title, lessons);
    }
}
