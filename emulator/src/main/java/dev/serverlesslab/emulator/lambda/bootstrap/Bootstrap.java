package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The main class of an execution environment (a child JVM): loads the student's handler, then runs Lambda's
 * Runtime API loop against the emulator until the emulator stops the process.
 *
 * <p>Depends only on the JDK, aws-lambda-java-core and aws-lambda-java-serialization, the class path Lambda's Java
 * runtime gives user code, so student code sees the same classes it would on AWS.
 */
public final class Bootstrap {

    private final FunctionSettings settings;
    private final Console console;
    private final RuntimeApiClient api;
    private final ConsoleLogger logger;
    private final TraceHeader trace = new TraceHeader();

    private Bootstrap(FunctionSettings settings, Console console, RuntimeApiClient api) {
        this.settings = settings;
        this.console = console;
        this.api = api;
        this.logger = new ConsoleLogger(console, System.getenv("AWS_LAMBDA_LOG_FORMAT"),
                System.getenv("AWS_LAMBDA_LOG_LEVEL"));
    }

    /** Passed instead of a token to record the class-data sharing archive (see {@link Training}). */
    public static final String TRAINING = "--train";
    /**
     * Passed instead of a token to record a platform-built SDK layer's archive: {@link #TRAINING}, then the layer's
     * clients ({@link LayerTraining}) from the jars {@link #LAYER_JARS} lists.
     */
    public static final String LAYER_TRAINING = "--train-layers";
    /** The environment variable listing the layers' jars, path-separated, in the order they join the class path. */
    public static final String LAYER_JARS = "_SERVERLESSLAB_LAYER_JARS";
    /**
     * Set (to {@code 1}) for layers the platform built: a waiting environment loads their SDK clients before its
     * function arrives ({@link WarmLayers}).
     */
    public static final String WARM_LAYERS = "_SERVERLESSLAB_WARM_LAYERS";

    /**
     * @param args empty, or {@link #TRAINING}; everything else arrives on stdin ({@link LaunchParameters}), where handler
     *     code cannot read it back
     */
    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && TRAINING.equals(args[0])) {
            Training.run();
            return;
        }
        if (args.length > 0 && LAYER_TRAINING.equals(args[0])) {
            Training.run();
            LayerTraining.run(System.getenv(LAYER_JARS));
            return;
        }
        LaunchParameters launch = LaunchParameters.read(System.in);
        // Before any handler class loads: from here on, its code can reach the emulator only through these relays.
        LoopbackRelays.start(launch);
        Console console = Console.install(launch.token());
        RuntimeApiClient api = launch.relays()
                ? RuntimeApiClient.overUnixSocket(launch.runtimeSocket(), launch.runtimeSecret())
                : RuntimeApiClient.overTcp(System.getenv("AWS_LAMBDA_RUNTIME_API"), launch.runtimeSecret());
        api.connectAhead();
        WarmLayers warmLayers = null;
        if (launch.functionLater()) {
            warmLayers = warmUp();
            if (!awaitFunction()) {
                return;
            }
        }
        FunctionSettings settings = FunctionSettings.fromEnvironment(System.getenv());
        ClassLoader taskLoader = warmLayers == null ? null : warmLayers.taskLoader(settings.taskRoot());
        if (taskLoader == null) {
            taskLoader = TaskClassLoader.create(settings.taskRoot(), System.getenv(LAYER_JARS));
        }
        Thread.currentThread().setContextClassLoader(taskLoader);
        Invocable handler;
        try {
            handler = new HandlerLoader(taskLoader).load(settings.handler());
        } catch (HandlerLoadException e) {
            failInit(api, ErrorReport.ofInit(e));
            return;
        } catch (Throwable e) {
            // Anything else during init (a serializer that cannot be built, say) is the function's init error too.
            failInit(api, ErrorReport.of(e));
            return;
        }
        exitWithParent();
        new Bootstrap(settings, console, api).loop(handler);
    }

    /**
     * What a pre-warmed environment does before its function arrives: runs the code paths every handler takes on the
     * bootstrap's own sample handlers (so their classes are loaded and linked before the function's code arrives), and
     * loads platform-built layers' SDK clients.
     *
     * @return the loaded layers, or null when there are none to load
     */
    private static WarmLayers warmUp() throws Throwable {
        Training.warmUp();
        if (!"1".equals(System.getenv(WARM_LAYERS))) {
            return null;
        }
        // The function's variables arriving on stdin end the warm-up early: what is loaded by then stays loaded.
        return WarmLayers.prepare(System.getenv(LAYER_JARS), () -> {
            try {
                return System.in.available() > 0;
            } catch (IOException e) {
                return true;
            }
        });
    }

    /**
     * A pre-warmed environment waits for its function's environment variables and takes them as its own.
     *
     * @return false when stdin ended first: the emulator stopped without handing this environment a function
     */
    private static boolean awaitFunction() throws IOException {
        var variables = LaunchParameters.readEnvironment(System.in);
        if (variables.isEmpty()) {
            System.exit(0);
            return false;
        }
        if (!ProcessVariables.replaceAll(variables.get())) {
            throw new IllegalStateException("the function's environment variables could not be set; java.util must be "
                    + "opened to the bootstrap");
        }
        return true;
    }

    /**
     * Ends this JVM when the emulator's dies, even if killed outright: a handler stuck in a loop would otherwise
     * outlive it. Set up after init so it does not slow the cold start.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
    }

    /** Reports the init error the way Lambda's Java runtime does, then ends the environment. */
    private static void failInit(RuntimeApiClient api, ErrorReport report) throws IOException {
        System.out.print(report.logText());
        System.out.flush();
        api.initError(report.errorType() == null ? "Runtime.InvalidEntrypoint" : report.errorType(), report.json());
        System.exit(1);
    }

    private void loop(Invocable handler) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
        while (true) {
            NextInvocation invocation = api.next();
            String requestId = invocation.requestId();
            console.marker("START", requestId);
            logger.invocation(requestId);
            trace.set(invocation.traceId());
            response.reset();
            try {
                handler.invoke(new ByteArrayInputStream(invocation.payload()), response,
                        new RuntimeContext(settings, invocation, logger));
                console.marker("END", requestId);
                api.respond(requestId, response.toByteArray());
                // A handler may interrupt its own thread; that must not leak into the next invocation.
                Thread.interrupted();
            } catch (Throwable error) {
                reportFailure(requestId, error);
                if (error instanceof VirtualMachineError) {
                    // The JVM is in an unknown state (out of memory, stack overflow in a runtime thread): start afresh.
                    System.exit(1);
                }
            }
        }
    }

    private void reportFailure(String requestId, Throwable error) throws IOException {
        ErrorReport report = ErrorReport.of(error);
        System.out.print(report.logText());
        console.marker("END", requestId);
        api.error(requestId, report.errorType(), report.json());
    }
}
