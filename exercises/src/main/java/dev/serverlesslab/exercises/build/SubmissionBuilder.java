package dev.serverlesslab.exercises.build;

import dev.serverlesslab.exercises.submission.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a learner's submission into a Lambda deployment package: compile against the Lambda libraries (and the
 * exercise's AWS SDK modules), then zip.
 */
public final class SubmissionBuilder {

    private final JavaSourceCompiler compiler;
    private final List<Path> classpath;
    private final DeploymentZip packager;

    /** Uses the system Java compiler and the Lambda libraries this module depends on. */
    public SubmissionBuilder() {
        this(new JavaSourceCompiler());
    }

    public SubmissionBuilder(JavaSourceCompiler compiler) {
        this.compiler = compiler;
        this.classpath = LambdaLibraries.compileClasspath();
        this.packager = new DeploymentZip(LambdaLibraries.eventsRuntimeJars());
    }

    /**
     * Compiles the submission into {@code workDir/classes} (emptied first) and packages it.
     *
     * @return the build; its zip is null when compilation failed, and its diagnostics say why
     */
    public Build build(Submission submission, Path workDir) {
        return build(submission, SdkModules.none(), workDir);
    }

    /**
     * Compiles the submission against the Lambda libraries and the given AWS SDK modules, then packages it. The SDK
     * jars are never put in the zip: the function gets them from a layer.
     */
    public Build build(Submission submission, SdkModules sdk, Path workDir) {
        return build(submission, sdk, JavaRelease.of("java17"), workDir);
    }

    /**
     * As {@link #build(Submission, SdkModules, Path)}, compiled for Java {@code release}: the release of the Lambda
     * runtime the function will run on ({@link JavaRelease#of(String)}), so {@code java21} code may use Java 21.
     */
    public Build build(Submission submission, SdkModules sdk, int release, Path workDir) {
        Path classes = workDir.resolve("classes");
        // Classes left from an earlier build in the same folder would otherwise end up in the zip.
        deleteRecursively(classes);
        List<Path> compileClasspath = new ArrayList<>(classpath);
        compileClasspath.addAll(sdk.jars());
        CompileResult compile = compiler.compile(submission.sources(), compileClasspath, classes, release);
        if (!compile.success()) {
            return new Build(compile, null);
        }
        return new Build(compile, packager.create(classes));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir + " before compiling into it", e);
        }
    }
}
