package dev.serverlesslab.server.cli;

import dev.serverlesslab.emulator.lambda.runtime.ArchiveTraining;
import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeCache;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.exercises.build.SdkModules;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.jdks.Jdk;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The machine's floor for a grading, measured in the same run as the gradings so results read as ratios on any
 * machine: javac of a one-class file in the warm compile worker, a bare JVM started as environments start (same flags,
 * same class-data sharing archive), and a JVM that creates one SDK client and gets its first answer from the
 * emulator, plain, from a class-data sharing archive of its own, and (where a JDK 25 is installed) from an AOT cache.
 * Each figure is the median of several runs, taken round-robin so a burst of load hits every figure alike.
 */
final class BenchFloor {

    /** One floor figure: its name and the median of its runs in milliseconds. */
    record Figure(String name, long medianMillis, List<Long> runs) {
    }

    /** The measured floor. */
    record Result(List<Figure> figures) {

        long median(String name) {
            return figures.stream().filter(f -> f.name().equals(name)).findFirst().map(Figure::medianMillis)
                    .orElse(0L);
        }

        /** The least a grading could take: compiling one class plus one JVM to its first answer. */
        long gradingFloor(boolean usesSdk) {
            return median(JAVAC) + median(usesSdk ? SDK_JVM : BARE_JVM);
        }
    }

    static final String JAVAC = "javac, one class, warm worker";
    static final String BARE_JVM = "bare JVM, environment flags + CDS archive";
    static final String SDK_JVM = "JVM + DynamoDB client, first answer";
    static final String SDK_JVM_CDS = "  same, with its own AppCDS archive";
    static final String SDK_JVM_AOT = "  same, JDK 25 with an AOT cache";

    private static final String BARE_SOURCE = "public final class FloorBare { public static void main(String[] a) {"
            + " System.out.println(\"ok\"); } }";
    private static final String SDK_SOURCE = "public final class FloorSdk { public static void main(String[] a) {"
            + " try (software.amazon.awssdk.services.dynamodb.DynamoDbClient c ="
            + " software.amazon.awssdk.services.dynamodb.DynamoDbClient.create()) {"
            + " System.out.println(c.listTables().tableNames().size()); } } }";

    private final int runs;

    BenchFloor(int runs) {
        this.runs = runs;
    }

    Result measure(Backend backend, Path workDir) throws IOException {
        JavaSourceCompiler javac = new JavaSourceCompiler();
        Path classes = workDir.resolve("classes");
        SdkModules sdk = SdkModules.of(List.of("dynamodb"));
        compile(javac, "FloorBare.java", BARE_SOURCE, List.of(), classes);
        compile(javac, "FloorSdk.java", SDK_SOURCE, sdk.jars(), classes);
        // A jar, not the folder: the JVM refuses to record a class-data archive with a non-empty folder on the path.
        Path floorJar = jar(classes, workDir.resolve("floor.jar"));

        RuntimeSettings runtime = RuntimeCache.settings(workDir, backend.endpoint().toString());
        awaitArchive(runtime);
        List<String> bare = new ArrayList<>(environmentFlags());
        if (runtime.sharedArchive() != null && Files.isRegularFile(runtime.sharedArchive())) {
            bare.add("-XX:SharedArchiveFile=" + runtime.sharedArchive());
            bare.add("-Xlog:cds=off,cds+dynamic=off");
        }
        List<Path> bareClassPath = new ArrayList<>(runtime.classPath());
        bareClassPath.add(floorJar);
        bare.addAll(List.of("-cp", joined(bareClassPath), "FloorBare"));

        List<Path> sdkClassPath = new ArrayList<>(sdk.jars());
        sdkClassPath.add(floorJar);
        BackendCredentials account = backend.newAccount();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("AWS_ENDPOINT_URL", backend.endpoint().toString());
        env.put("AWS_REGION", backend.region());
        var keys = account.provider().resolveCredentials();
        env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        String java = RuntimeSettings.currentJava().toString();
        List<String> sdkArgs = List.of("-cp", joined(sdkClassPath), "FloorSdk");

        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put(BARE_JVM, prefixed(java, bare));
        commands.put(SDK_JVM, prefixed(java, concat(environmentFlags(), sdkArgs)));
        Path sdkArchive = workDir.resolve("floor-sdk.jsa");
        // Recorded once now; the JVM's own dynamic archive is what a per-layer archive would give environments.
        run(prefixed(java, concat(concat(environmentFlags(), List.of("-XX:ArchiveClassesAtExit=" + sdkArchive,
                "-Xlog:cds=off,cds+dynamic=off")), sdkArgs)), env);
        if (Files.isRegularFile(sdkArchive)) {
            commands.put(SDK_JVM_CDS, prefixed(java, concat(concat(environmentFlags(), List.of(
                    "-XX:SharedArchiveFile=" + sdkArchive, "-Xlog:cds=off,cds+dynamic=off")), sdkArgs)));
        }
        aotCommand(workDir, sdkArgs, env).ifPresent(command -> commands.put(SDK_JVM_AOT, command));

        // One untimed round: page cache, DynamoDB Local's start, the compile worker's JIT.
        for (List<String> command : commands.values()) {
            run(command, env);
        }
        compile(javac, "FloorBare.java", BARE_SOURCE, List.of(), workDir.resolve("javac-warm"));
        Map<String, List<Long>> times = new LinkedHashMap<>();
        times.put(JAVAC, new ArrayList<>());
        commands.keySet().forEach(name -> times.put(name, new ArrayList<>()));
        for (int round = 0; round < runs; round++) {
            long began = System.nanoTime();
            compile(javac, "FloorBare.java", BARE_SOURCE, List.of(), workDir.resolve("javac-" + round));
            times.get(JAVAC).add((System.nanoTime() - began) / 1_000_000);
            for (Map.Entry<String, List<String>> command : commands.entrySet()) {
                times.get(command.getKey()).add(run(command.getValue(), env));
            }
        }
        List<Figure> figures = new ArrayList<>();
        times.forEach((name, millis) -> figures.add(new Figure(name, median(millis), List.copyOf(millis))));
        return new Result(figures);
    }

    /** The JVM flags every execution environment gets ({@code ChildProcessSpec}), less the per-function ones. */
    private static List<String> environmentFlags() {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-Xss1m", "-Djava.net.preferIPv4Stack=true", "--add-opens=java.base/java.util=ALL-UNNAMED");
    }

    /** On a JDK 25 (JEP 483/514): train with {@code -XX:AOTCacheOutput}, then run from {@code -XX:AOTCache}. */
    private static Optional<List<String>> aotCommand(Path workDir, List<String> sdkArgs, Map<String, String> env) {
        Optional<Jdk> jdk25 = JavaRuntimes.discover().jdk("java25");
        if (jdk25.isEmpty()) {
            return Optional.empty();
        }
        String java = jdk25.get().java().toString();
        Path cache = workDir.resolve("floor-sdk.aot");
        List<String> flags = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss1m",
                "-Djava.net.preferIPv4Stack=true", "-Xlog:aot=off,cds=off");
        try {
            run(prefixed(java, concat(concat(flags, List.of("-XX:AOTCacheOutput=" + cache)), sdkArgs)), env);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        return Files.isRegularFile(cache)
                ? Optional.of(prefixed(java, concat(concat(flags, List.of("-XX:AOTCache=" + cache)), sdkArgs)))
                : Optional.empty();
    }

    /** Environments start from the runtime's archive; the floor waits for it rather than measure without one. */
    private static void awaitArchive(RuntimeSettings runtime) {
        ArchiveTraining.start(runtime).ifPresent(process -> {
            try {
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
                // The archive is moved into place just after the training exits.
                for (int i = 0; i < 50 && !Files.isRegularFile(runtime.sharedArchive()); i++) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void compile(JavaSourceCompiler javac, String file, String source, List<Path> classpath,
            Path into) {
        CompileResult result = javac.compile(Map.of(file, source), classpath, into);
        if (!result.success()) {
            throw new IllegalStateException("the floor's own " + file + " did not compile: " + result.diagnostics());
        }
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(file.getFileName().toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Runs the command to its end and returns how long it took, start to exit, in milliseconds. */
    private static long run(List<String> command, Map<String, String> env) {
        try {
            Path output = Files.createTempFile("bench-floor", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().clear();
                builder.environment().putAll(env);
                long began = System.nanoTime();
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the floor's JVM did not finish in 2 minutes: " + command);
                }
                long millis = (System.nanoTime() - began) / 1_000_000;
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("the floor's JVM failed (exit " + process.exitValue() + "): "
                            + Files.readString(output, StandardCharsets.UTF_8).strip());
                }
                return millis;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the floor", e);
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> prefixed(String java, List<String> args) {
        return concat(List.of(java), args);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
