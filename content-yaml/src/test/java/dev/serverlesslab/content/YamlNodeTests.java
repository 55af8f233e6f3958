package dev.serverlesslab.content;

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

        assertEquals("line 3: field 'title' is given twice (first on line 1): keep one", error.getMessage());
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
    void parse_whenNestedKeyRepeats_namesItsFieldPath() {
        ContentException error = assertThrows(ContentException.class,
                () -> YamlNode.parse("resources:\n  keys: []\n  tables: []\n  keys: []\n", 1));

        assertEquals("line 4: field 'resources.keys' is given twice (first on line 2): keep one", error.getMessage());
    }

    @Test
    void parse_typesPlainScalarsAsYamlsCoreSchemaAndQuotedOnesAsText() {
        YamlNode root = YamlNode.parse("a: yes\nb: \"1\"\nc: 0x1F\nd: ~\ne: !!str 2\nf: FALSE\ng: -1.5e3\n", 1);

        assertEquals("yes", root.fields().get("a").value());
        assertEquals("1", root.fields().get("b").value());
        assertEquals(31, root.fields().get("c").value());
        assertTrue(root.fields().get("d").isNull());
        assertEquals("2", root.fields().get("e").value());
        assertEquals(false, root.fields().get("f").value());
        assertEquals(-1500.0, root.fields().get("g").value());
        assertTrue(YamlNode.parse("quiz:", 1).fields().get("quiz").isNull());
    }

    @Test
    void parse_whenASecondDocumentFollows_pointsAtIt() {
        ContentException error = assertThrows(ContentException.class,
                () -> YamlNode.parse("title: a\n---\ntitle: b\n", 1));

        assertEquals(3, error.line(), error.getMessage());
        assertTrue(error.problem().contains("second YAML document"), error.getMessage());
    }

    @Test
    void parse_whenTextIsOnlyComments_givesNullNode() {
        YamlNode root = YamlNode.parse("# nothing yet\n", 1);

        assertTrue(root.isNull());
        assertEquals("empty", root.kind());
    }
}
