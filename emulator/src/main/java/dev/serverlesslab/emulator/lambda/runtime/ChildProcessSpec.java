package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.lambda.bootstrap.Bootstrap;
import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line, environment, working directory and stdin of one execution environment's JVM.
 *
 * <p>The environment is built from nothing (never inherited from the emulator) so no secret of the server reaches
 * student code; it holds what Lambda sets plus the function's own variables. The environment's own secrets travel on
 * stdin ({@link LaunchParameters}), since handler code can read back its argv and environment from {@code /proc}.
 */
record ChildProcessSpec(List<String> command, Map<String, String> environment, Path workingDirectory, byte[] stdin) {

    static final String BOOTSTRAP_MAIN = "dev.serverlesslab.emulator.lambda.bootstrap.Bootstrap";

    /** The spec of an unconfined environment, a plain child process. */
    static ChildProcessSpec build(FunctionSpec function, RuntimeSettings settings, Path directory, String runtimeApi,
            LaunchParameters launch, String logStreamName) {
        return build(function, settings, directory, runtimeApi, launch, logStreamName, Sandbox.none("not asked for"),
                null);
    }

    /**
     * @param runtimeApi host:port of this environment's Runtime API server on the host's loopback
     * @param launch the environment's secrets, for its stdin
     * @param sandbox what confines the JVM; it also decides where the JVM's temporary files go
     * @param network the relays out of the sandbox's own network namespace; null without a sandbox
     */
    static ChildProcessSpec build(FunctionSpec function, RuntimeSettings settings, Path directory, String runtimeApi,
            LaunchParameters launch, String logStreamName, Sandbox sandbox, EnvironmentNetwork network) {
        List<String> command = new ArrayList<>(List.of(
                settings.javaExecutable().toString(),
                "-Xmx" + heapMb(function.memoryMb()) + "m",
                "-XX:MaxMetaspaceSize=" + metaspaceMb(function.memoryMb()) + "m",
                "-Xss1m",
                // C1 only and the serial collector: what Lambda's own tuning advice uses for fast, small JVMs.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:-UsePerfData",
                "-Djava.net.preferIPv4Stack=true",
                "-Djava.io.tmpdir=" + sandbox.tmpDir(directory)));
        command.addAll(sandbox.jvmFlags(function));
        command.addAll(JavaRuntimes.jvmFlags(function.runtime()));
        // For _X_AMZN_TRACE_ID per invocation: the bootstrap writes it into the JVM's environment map, as AWS's
        // runtime client does (which needs this open on Java 17 and later on AWS too).
        command.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        if (settings.sharedArchive() != null && Files.isRegularFile(settings.sharedArchive())) {
            // A stale archive is simply not used; silence the JVM's warning so it never reaches a function's log.
            command.add("-XX:SharedArchiveFile=" + settings.sharedArchive());
            command.add("-Xlog:cds=off,cds+dynamic=off");
        }
        command.addAll(List.of(
                "-cp",
                settings.classPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                BOOTSTRAP_MAIN));
        Map<String, String> environment = environment(function, settings, runtimeApi, logStreamName, sandbox, network);
        byte[] stdin = (network == null ? launch : network.relayed(launch)).encode();
        return new ChildProcessSpec(sandbox.wrap(command, function, settings, network), environment, directory, stdin);
    }

    /**
     * The spec of a pre-warmed environment: the command line of {@code template} (a function of the same shape, see
     * {@link WarmEnvironments}), started with only the variables no function decides; the function's own arrive later
     * on stdin ({@link #environment}).
     */
    ChildProcessSpec blank() {
        Map<String, String> independent = new LinkedHashMap<>(environment);
        independent.keySet().retainAll(FUNCTION_INDEPENDENT);
        return new ChildProcessSpec(command, independent, workingDirectory, stdin);
    }

    /** What a pre-warmed JVM starts with: the same whichever function of its shape it is later handed to. */
    static final Set<String> FUNCTION_INDEPENDENT = Set.of("PATH", "LANG", "TZ", "AWS_LAMBDA_RUNTIME_API",
            "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Bootstrap.LAYER_JARS, Bootstrap.WARM_LAYERS);

    /** Every variable {@code function}'s environment JVM has, whether it gets them at exec or later on stdin. */
    static Map<String, String> environment(FunctionSpec function, RuntimeSettings settings, String runtimeApi,
            String logStreamName, Sandbox sandbox, EnvironmentNetwork network) {
        // Confined, the code is bound at /var/task as on Lambda; a plain child process reads it where it was unpacked.
        String taskRoot = sandbox.confines() ? SandboxCommand.TASK_ROOT.toString() : function.taskRoot().toString();
        return network == null
                ? environment(function, runtimeApi, settings.endpointUrl(), settings, logStreamName, taskRoot)
                : environment(function, network.runtimeApi(), network.endpointUrl(), settings, logStreamName,
                        taskRoot);
    }

    /** 85% of the function's memory, leaving room for metaspace, threads and the JVM itself. */
    static int heapMb(int memoryMb) {
        return memoryMb * 85 / 100;
    }

    static int metaspaceMb(int memoryMb) {
        return Math.min(512, Math.max(96, memoryMb / 2));
    }

    private static Map<String, String> environment(FunctionSpec function, String runtimeApi, String endpointUrl,
            RuntimeSettings settings, String logStreamName, String taskRoot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        // Function variables first, so the ones Lambda sets win (reserved names were already rejected on create).
        env.putAll(function.variables());
        env.put("AWS_ENDPOINT_URL", function.variables().getOrDefault("AWS_ENDPOINT_URL", endpointUrl));
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        if (function.logging().json()) {
            // What AWS's runtime reads to format LambdaLogger calls as JSON and drop those below the level.
            env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            env.put("AWS_LAMBDA_LOG_LEVEL", function.logging().applicationLevel());
        }
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", function.region());
        env.put("AWS_DEFAULT_REGION", function.region());
        // Calls back with these land in the function's own account (an issued key in strict mode).
        env.put("AWS_ACCESS_KEY_ID", function.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", function.credentials().secretAccessKey());
        env.put("AWS_SESSION_TOKEN", function.credentials().sessionToken());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", taskRoot);
        env.put("LAMBDA_RUNTIME_DIR", settings.runtimeDir().toString());
        if (!function.layerJars().isEmpty()) {
            // Read by the bootstrap only; the jars join the task class loader after the function's own code.
            env.put(Bootstrap.LAYER_JARS, function.layerJars().stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)));
            if (settings.warmLayers()) {
                env.put(Bootstrap.WARM_LAYERS, "1");
            }
        }
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        return env;
    }
}
