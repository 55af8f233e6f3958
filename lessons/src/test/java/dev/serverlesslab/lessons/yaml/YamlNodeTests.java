package dev.serverlesslab.lessons.yaml;

import dev.serverlesslab.lessons.ContentException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlNodeTests {

    @Test
    void parse_locatesFieldsAtTheirKeysAndItemsOnTheirOwnLines() {
        YamlNode root = YamlNode.parse("""
                title: Course
                modules:
                  - title: One
                    lessons: [a, b]
                """, 1);

        YamlNode modules = root.fields().get("modules");
        assertEquals(1, root.fields().get("title").line());
        assertEquals(2, modules.line());
        assertEquals(3, modules.items().get(0).line());
        assertEquals(4, modules.items().get(0).fields().get("lessons").line());
    }

    @Test
    void parse_addsTheFirstLineOffsetToEveryLine() {
        YamlNode root = YamlNode.parse("a: 1\nb: 2\n", 10);

        assertEquals(11, root.fields().get("b").line());
    }

    @Test
    void toPlain_keepsScalarTypesAndFieldOrder() {
        Object plain = YamlNode.parse("z: 1\na: [x, true, 2.5]\nn:\n", 1).toPlain();

        Map<?, ?> map = (Map<?, ?>) plain;
        assertEquals(List.of("z", "a", "n"), List.copyOf(map.keySet()));
        assertEquals(1, map.get("z"));
        assertEquals(List.of("x", true, 2.5), map.get("a"));
        assertTrue(map.containsKey("n"));
    }

    @Test
    void parse_whenKeyRepeats_namesBothLines() {
        ContentException error = assertThrows(ContentException.class,
                () -> YamlNode.parse("title: a\nsummary: b\ntitle: c\n", 1));

        assertEquals("line 3: field 'title' appears twice (first at line 1); keep one", error.getMessage());
    }

    @Test
    void parse_whenSyntaxIsBroken_reportsTheFailingLineInTheFile() {
        ContentException error = assertThrows(ContentException.class,
                () -> YamlNode.parse("title: a\nsummary: \"open\nmodules: []\n", 5));

        assertEquals(8, error.line(), error.getMessage());
        assertTrue(error.problem().startsWith("not valid YAML: found unexpected end of stream"), error.getMessage());
        assertTrue(error.problem().endsWith("(while scanning a quoted scalar that starts on line 6)"),
                error.getMessage());
    }

    @Test
    void parse_whenTextIsOnlyComments_givesNullNode() {
        YamlNode root = YamlNode.parse("# nothing yet\n", 1);

        assertTrue(root.isNull());
        assertEquals("empty", root.kind());
    }
}
