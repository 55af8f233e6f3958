package dev.serverlesslab.exercises.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSourceCompilerTests {

    private static final String HANDLER = """
            package example;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;

            public class Hello implements RequestHandler<String, String> {
                @Override
                public String handleRequest(String input, Context context) {
                    return "Hello, " + input;
                }
            }
            """;

    private final JavaSourceCompiler compiler = new JavaSourceCompiler();

    @TempDir
    Path classes;

    @Test
    void compile_handlerAgainstLambdaLibraries_writesItsClassFile() {
        CompileResult result = compiler.compile(Map.of("example/Hello.java", HANDLER),
                LambdaLibraries.compileClasspath(), classes);

        assertTrue(result.success(), result.diagnostics().toString());
        assertEquals(List.of(), result.errors());
        assertTrue(Files.isRegularFile(classes.resolve("example/Hello.class")));
        assertEquals(classes, result.classesDir());
    }

    @Test
    void compile_whenSourceHasASyntaxError_reportsFileAndLine() {
        String broken = "public class Hello {\n    void greet() {\n        String s = \"x\"\n    }\n}\n";

        CompileResult result = compiler.compile(Map.of("Hello.java", broken), List.of(), classes);

        assertFalse(result.success());
        SourceDiagnostic first = result.errors().get(0);
        assertEquals("Hello.java", first.file());
        assertEquals(3, first.line());
        assertTrue(first.toString().startsWith("Hello.java:3: error: ';' expected"), first.toString());
    }

    @Test
    void compile_whenSourceImportsAClassOffTheGivenClassPath_failsEvenThoughTheServerHasIt() throws Exception {
        // Jackson is on this test's own class path; a leak of java.class.path would make the import compile.
        Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        String source = "package example;\nimport com.fasterxml.jackson.databind.ObjectMapper;\n"
                + "public class Hello { ObjectMapper mapper; }\n";

        CompileResult result = compiler.compile(Map.of("example/Hello.java", source),
                LambdaLibraries.compileClasspath(), classes);

        assertFalse(result.success());
        assertTrue(result.errors().get(0).toString()
                .startsWith("example/Hello.java:2: error: package com.fasterxml.jackson.databind does not exist"),
                result.errors().toString());
    }

    @Test
    void compile_withAnEmptyClassPath_seesOnlyTheJdk() {
        CompileResult result = compiler.compile(Map.of("example/Hello.java", HANDLER), List.of(), classes);

        assertFalse(result.success());
        assertTrue(result.errors().get(0).message().contains("package com.amazonaws.services.lambda.runtime"),
                result.errors().toString());
    }

    @Test
    void compile_whenCodeOnlyCausesWarnings_succeeds() {
        String deprecated = "public class Old {\n    Integer boxed = new Integer(1);\n"
                + "    java.util.List raw = new java.util.ArrayList();\n    { raw.add(\"x\"); }\n}\n";

        CompileResult result = compiler.compile(Map.of("Old.java", deprecated), List.of(), classes);

        assertTrue(result.success(), result.diagnostics().toString());
        assertEquals(List.of(), result.errors());
    }

    @Test
    void compile_diagnostics_areSortedByFileThenLine() {
        Map<String, String> sources = new TreeMap<>();
        sources.put("b/B.java", "package b;\nclass B {\n  int x = \"no\";\n  int y = \"no\";\n}\n");
        sources.put("a/A.java", "package a;\nclass A {\n  int x = \"no\";\n}\n");

        CompileResult result = compiler.compile(sources, List.of(), classes);

        List<String> positions = result.errors().stream().map(d -> d.file() + ":" + d.line()).toList();
        assertEquals(List.of("a/A.java:3", "b/B.java:3", "b/B.java:4"), positions);
    }

    @Test
    void compile_whenPublicClassDoesNotMatchTheFileName_reportsIt() {
        CompileResult result = compiler.compile(Map.of("example/Greeter.java", HANDLER),
                LambdaLibraries.compileClasspath(), classes);

        assertFalse(result.success());
        assertTrue(result.errors().get(0).message().contains("should be declared in a file named Hello.java"),
                result.errors().toString());
    }

    @Test
    void compile_targetsJava17_soNewerLanguageFeaturesFail() {
        String java21 = "class Newer {\n  String f(Object o) {\n    return switch (o) {\n"
                + "      case String s -> s;\n      default -> \"\";\n    };\n  }\n}\n";

        CompileResult result = compiler.compile(Map.of("Newer.java", java21), List.of(), classes);

        assertFalse(result.success(), "pattern matching in switch is not part of Java 17");
    }

    @Test
    void sourceDiagnostic_withoutFile_printsKindAndMessageOnly() {
        assertEquals("error: something", new SourceDiagnostic("", 0, 0, "error", "something").toString());
    }
}
