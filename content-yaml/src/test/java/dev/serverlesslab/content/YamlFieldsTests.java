package dev.serverlesslab.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlesslab.content.YamlNode.Mapping;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlFieldsTests {

    private final YamlFields read = new YamlFields("content/course.yml");

    private static Mapping parse(String yaml) {
        return (Mapping) YamlNode.parse(yaml, 1);
    }

    @Test
    void allowOnly_namesTheUnknownFieldByPath_atItsLine_andListsTheAllowedOnes() {
        Mapping module = (Mapping) parse("modules:\n  - title: A\n    lesons: [x]\n").fields().get("modules").items()
                .get(0);

        ContentException e = assertThrows(ContentException.class,
                () -> read.allowOnly(module, "modules[0]", List.of("title", "lessons")));

        assertEquals("content/course.yml:3: unknown field 'modules[0].lesons': allowed fields are title, lessons",
                e.getMessage());
    }

    @Test
    void requiredText_whenMissing_pointsAtTheMapping_andWhenEmpty_atTheField() {
        ContentException missing = assertThrows(ContentException.class,
                () -> read.requiredText(parse("summary: s\n"), "", "title", "name it"));
        ContentException empty = assertThrows(ContentException.class,
                () -> read.requiredText(parse("summary: s\ntitle:\n"), "", "title", "name it"));

        assertEquals("content/course.yml:1: missing required field 'title': name it", missing.getMessage());
        assertEquals("content/course.yml:2: field 'title': is empty: give it a value", empty.getMessage());
    }

    @Test
    void text_keepsANumberAsWritten_andTextList_namesTheBadItemByIndex() {
        Mapping root = parse("title: 1.10\nlessons: [a, [b]]\n");

        assertEquals("1.10", read.requiredText(root, "", "title", "name it"));
        ContentException e = assertThrows(ContentException.class,
                () -> read.textList(root.fields().get("lessons"), "lessons", "[a, b]"));
        assertEquals("content/course.yml:2: field 'lessons[1]': must be a single value, got a list", e.getMessage());
    }
}
