package dev.serverlesslab.emulator;

import dev.serverlesslab.emulator.account.Accounts;
import dev.serverlesslab.emulator.apigateway.ApiGatewayBackend;
import dev.serverlesslab.emulator.apigateway.ApiGatewayHandler;
import dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2Backend;
import dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2Handler;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.dynamodb.DynamoDbService;
import dev.serverlesslab.emulator.events.EventsBackend;
import dev.serverlesslab.emulator.events.EventsHandler;
import dev.serverlesslab.emulator.events.EventsTarget;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.iam.IamBackend;
import dev.serverlesslab.emulator.iam.IamHandler;
import dev.serverlesslab.emulator.kinesis.KinesisBackend;
import dev.serverlesslab.emulator.kinesis.KinesisEventSources;
import dev.serverlesslab.emulator.kinesis.KinesisHandler;
import dev.serverlesslab.emulator.kinesis.KinesisTarget;
import dev.serverlesslab.emulator.kms.KmsBackend;
import dev.serverlesslab.emulator.kms.KmsHandler;
import dev.serverlesslab.emulator.lambda.ExecutionRoles;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.LambdaHandler;
import dev.serverlesslab.emulator.lambda.LambdaTarget;
import dev.serverlesslab.emulator.lambda.esm.EventSourceMappings;
import dev.serverlesslab.emulator.lambda.runtime.ArchiveTraining;
import dev.serverlesslab.emulator.lambda.runtime.FunctionCredentials;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeCache;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeJvms;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.emulator.logs.LambdaLogSource;
import dev.serverlesslab.emulator.logs.LogsBackend;
import dev.serverlesslab.emulator.logs.LogsHandler;
import dev.serverlesslab.emulator.sqs.SqsBackend;
import dev.serverlesslab.emulator.sqs.SqsEventSource;
import dev.serverlesslab.emulator.sqs.SqsHandler;
import dev.serverlesslab.emulator.sqs.SqsTarget;
import dev.serverlesslab.emulator.sns.SnsBackend;
import dev.serverlesslab.emulator.sns.SnsHandler;
import dev.serverlesslab.emulator.sns.SnsTarget;
import dev.serverlesslab.emulator.s3.FunctionPolicy;
import dev.serverlesslab.emulator.s3.S3Backend;
import dev.serverlesslab.emulator.s3.S3Handler;
import dev.serverlesslab.emulator.scheduler.SchedulerBackend;
import dev.serverlesslab.emulator.scheduler.SchedulerHandler;
import dev.serverlesslab.emulator.ssm.SsmBackend;
import dev.serverlesslab.emulator.stepfunctions.ExecutionTarget;
import dev.serverlesslab.emulator.stepfunctions.ServiceTasks;
import dev.serverlesslab.emulator.stepfunctions.StepFunctionsBackend;
import dev.serverlesslab.emulator.stepfunctions.StepFunctionsHandler;
import dev.serverlesslab.emulator.ssm.SsmHandler;
import dev.serverlesslab.emulator.sts.StsBackend;
import dev.serverlesslab.emulator.sts.StsHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded, LocalStack-compatible AWS endpoint: one port serving the emulated services, Lambda functions running
 * in child JVMs. Start it, point SDK clients at {@link #endpoint()}, and close it to stop every child process.
 */
public final class Emulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);

    private final EdgeServer edge;
    private final Accounts accounts;
    private final List<AwsService> services;
    private final URI endpoint;
    private final Path workDir;
    private final List<Path> ownedPaths;
    private final Optional<Process> training;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EmulatorClock clock;
    private final Sandbox sandbox;
    private LambdaBackend lambda;

    private Emulator(EdgeServer edge, Accounts accounts, List<AwsService> services, URI endpoint, Path workDir,
            List<Path> ownedPaths, Optional<Process> training, EmulatorClock clock, Sandbox sandbox) {
        this.clock = clock;
        this.sandbox = sandbox;
        this.edge = edge;
        this.accounts = accounts;
        this.services = List.copyOf(services);
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.ownedPaths = List.copyOf(ownedPaths);
        this.training = training;
        this.shutdownHook = new Thread(this::stop, "serverlesslab-emulator-shutdown");
    }

    /** Binds the port and returns once requests are being answered. */
    public static Emulator start(EmulatorConfig config) {
        disableNagle();
        Path workDir = prepareWorkDir(config.workDir());
        List<Path> owned = config.workDir() == null
                ? List.of(workDir)
                : List.of(workDir.resolve("runtime"), workDir.resolve("lambda"), workDir.resolve("s3"));
        EdgeServer edge = EdgeServer.bind(config.host(), config.port(), config.region(), version());
        URI endpoint = URI.create("http://" + hostForUri(config.host()) + ":" + edge.port());
        List<AwsService> services = new ArrayList<>();
        Accounts accounts = new Accounts(config.strictAccounts());
        Optional<Process> training = Optional.empty();
        EmulatorClock clock = new EmulatorClock();
        Targets targets = new Targets();
        Sandbox sandbox;
        try {
            RuntimeSettings settings = RuntimeCache.settings(workDir, callbackEndpoint(config.host(), edge.port()));
            training = ArchiveTraining.start(settings);
            // Probed now rather than on the first cold start, which would otherwise pay for it.
            sandbox = config.sandbox() != null ? config.sandbox() : Sandbox.detect();
            IamBackend iam = new IamBackend();
            // Lambda assumes only roles this IAM holds and that trust it, in strict and standalone mode alike.
            // Lambda reads code from S3 and S3 checks Lambda's policies for notifications: S3 is bound once made.
            AtomicReference<S3Backend> s3 = new AtomicReference<>();
            LambdaBackend lambda = new LambdaBackend(workDir.resolve("lambda"), RuntimeJvms.discover(settings),
                    functionCredentials(accounts), ExecutionRoles.of(iam), targets,
                    (scope, bucket, key, version) -> s3.get().readObject(scope, bucket, key, version), sandbox,
                    clock);
            DynamoDbService dynamoDb = new DynamoDbService(workDir);
            EventSourceMappings mappings = new EventSourceMappings(lambda, dynamoDb::handle);
            services.add(new LambdaHandler(lambda, mappings, edge.port()));
            targets.register("lambda", new LambdaTarget(lambda));
            KmsBackend kms = new KmsBackend();
            services.add(new KmsHandler(kms));
            services.add(new SsmHandler(new SsmBackend(kms)));
            services.add(new IamHandler(iam));
            services.add(new StsHandler(new StsBackend(accounts)));
            services.add(new LogsHandler(new LogsBackend(new LambdaLogSource(lambda))));
            services.add(dynamoDb);
            services.add(new ApiGatewayV2Handler(new ApiGatewayV2Backend(lambda), edge.port()));
            services.add(new ApiGatewayHandler(new ApiGatewayBackend(lambda)));
            // The event-driven services: each keeps its state under workDir/<service>, starts no thread before its
            // first use, registers with `targets` what it can receive and with `mappings` what it can feed Lambda.
            SqsBackend sqs = new SqsBackend(clock);
            services.add(new SqsHandler(sqs));
            targets.register("sqs", new SqsTarget(sqs));
            mappings.register("sqs", SqsEventSource.factory(sqs));
            SnsBackend sns = new SnsBackend(targets, clock, callbackEndpoint(config.host(), edge.port()),
                    !config.strictAccounts());
            services.add(new SnsHandler(sns));
            targets.register("sns", new SnsTarget(sns));
            s3.set(new S3Backend(workDir.resolve("s3"), clock, targets, functionPolicy(lambda)));
            services.add(new S3Handler(s3.get()));
            Timetable timetable = new Timetable(clock);
            EventsBackend events = new EventsBackend(targets, clock, timetable);
            services.add(new EventsHandler(events, timetable));
            targets.register("events", new EventsTarget(events));
            services.add(new SchedulerHandler(new SchedulerBackend(targets, clock, timetable)));
            StepFunctionsBackend stepFunctions = new StepFunctionsBackend(clock,
                    new ServiceTasks(lambda, dynamoDb::handle, targets));
            services.add(new StepFunctionsHandler(stepFunctions));
            targets.register("states", new ExecutionTarget(stepFunctions));
            KinesisBackend kinesis = new KinesisBackend(clock);
            services.add(new KinesisHandler(kinesis));
            targets.register("kinesis", new KinesisTarget(kinesis));
            mappings.register("kinesis", new KinesisEventSources(kinesis, mappings, lambda));
            edge.start(new ServiceRouter(services), accounts, config.strictAccounts() ? null : clock);
        } catch (RuntimeException e) {
            edge.close();
            services.forEach(AwsService::close);
            training.ifPresent(Process::destroyForcibly);
            owned.forEach(Emulator::deleteTree);
            throw e;
        }
        Emulator emulator = new Emulator(edge, accounts, services, endpoint, workDir, owned, training, clock,
                sandbox);
        emulator.lambda = services.stream().filter(LambdaHandler.class::isInstance).map(LambdaHandler.class::cast)
                .findFirst().map(LambdaHandler::backend).orElseThrow();
        Runtime.getRuntime().addShutdownHook(emulator.shutdownHook);
        return emulator;
    }

    /** S3's check of a notification's function: its resource policy must let s3.amazonaws.com invoke it. */
    private static FunctionPolicy functionPolicy(LambdaBackend lambda) {
        return (functionArn, principal, sourceArn, sourceAccount) -> {
            String[] function = Arns.resource(functionArn).split(":");
            return function.length >= 2 && "function".equals(function[0])
                    && lambda.permissions().allowsService(Arns.scope(functionArn), function[1],
                            function.length > 2 ? function[2] : null, principal, sourceArn, sourceAccount);
        };
    }

    /** The services served, in routing order (for tests that check every service's wire behaviour alike). */
    List<AwsService> handlers() {
        return services;
    }

    /** The base URL for SDK clients' {@code endpointOverride}, e.g. {@code http://127.0.0.1:4566}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return edge.port();
    }

    /**
     * The time schedules, Wait states and delays run on; a grader moves it forward with
     * {@link EmulatorClock#advance} so a check need not wait for real time to pass. A standalone (non-strict)
     * emulator also serves it over HTTP at {@code /_serverlesslab/clock}.
     */
    public EmulatorClock clock() {
        return clock;
    }

    /** Issues accounts and credentials; in strict mode the only credentials this emulator accepts. */
    public Accounts accounts() {
        return accounts;
    }

    /** The signing names of the services answered here, e.g. {@code [lambda]}. */
    public List<String> services() {
        // REST APIs and HTTP APIs are two services that both sign as apigateway; people see one name.
        return services.stream().map(AwsService::signingName).distinct().toList();
    }

    /**
     * Starts now, in the background, what the named services (signing names) otherwise start on their first request:
     * for a server whose exercises are known to need them. Today that is DynamoDB Local ({@code dynamodb}); other
     * names start nothing, since their services have nothing slow to start.
     */
    public void prepare(Collection<String> signingNames) {
        if (signingNames.contains("dynamodb")) {
            services.stream().filter(DynamoDbService.class::isInstance).map(DynamoDbService.class::cast)
                    .forEach(DynamoDbService::startInBackground);
        }
    }

    /**
     * Starts a waiting execution environment for a function of this runtime, memory and timeout (without layers)
     * before it is created, so its first invocation finds a JVM booted; for the function a grading is about to deploy.
     */
    public void prepareFunction(String runtime, int memoryMb, int timeoutSeconds) {
        if (lambda != null) {
            lambda.prepareEnvironment(runtime, memoryMb, timeoutSeconds);
        }
    }

    /** How learner code is confined here ({@link Sandbox#description()} says it for people). */
    public Sandbox sandbox() {
        return sandbox;
    }

    /**
     * The lines Lambda's platform wrote for a function (START, END, REPORT, timeout and exit lines), oldest first, by
     * its ARN ({@code arn:aws:lambda:<region>:<account>:function:<name>}, a qualifier is ignored): for graders in this
     * JVM, which must not take a REPORT line the handler printed for a real one. Empty for an ARN that names no
     * function this emulator ran.
     */
    public List<String> platformLines(String functionArn) {
        String[] parts = functionArn == null ? new String[0] : functionArn.split(":", -1);
        if (parts.length < 7 || !"arn".equals(parts[0]) || !"lambda".equals(parts[2]) || !"function".equals(parts[5])
                || parts[3].isEmpty() || parts[4].isEmpty()) {
            return List.of();
        }
        return lambda.platformEvents(new AccountRegion(parts[4], parts[3]), parts[6]).stream()
                .map(LogEvent::message).toList();
    }

    /** Where this emulator keeps code and environment directories. */
    Path workDir() {
        return workDir;
    }

    /** Stops serving, kills every child process with its descendants and deletes the emulator's files. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        edge.close();
        services.forEach(AwsService::close);
        training.ifPresent(Process::destroyForcibly);
        ownedPaths.forEach(Emulator::deleteTree);
    }

    /**
     * A function in an account created here acts with a key issued for that account; elsewhere (standalone, default
     * account) with LocalStack's convention, as before.
     */
    private static Function<String, FunctionCredentials> functionCredentials(Accounts accounts) {
        // Lambda always sets a session token; nothing checks it here, so one random value per emulator will do.
        String sessionToken = UUID.randomUUID().toString();
        return accountId -> accounts.functionCredentials(accountId)
                .map(issued -> new FunctionCredentials(issued.accessKeyId(), issued.secretAccessKey(), sessionToken))
                .orElseGet(() -> FunctionCredentials.localStack(accountId));
    }

    /**
     * The JDK's HTTP server sends headers and body as separate TCP segments; with Nagle's algorithm the body then
     * waits for the client's delayed ACK, adding ~40 ms to every Runtime API and SDK call (measured: a warm invoke
     * took 92 ms instead of 6 ms). The server reads this property once, so it is set before the first server exists;
     * an explicit setting by the application is left alone.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static Path prepareWorkDir(Path configured) {
        try {
            if (configured == null) {
                return Files.createTempDirectory("serverlesslab-emulator-");
            }
            return Files.createDirectories(configured);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the emulator's work directory "
                    + (configured == null ? "in " + System.getProperty("java.io.tmpdir") : configured)
                    + "; choose a writable one with EmulatorConfig.withWorkDir", e);
        }
    }

    /** Handlers call back into the emulator; a wildcard bind address is not something to connect to. */
    private static String callbackEndpoint(String host, int port) {
        boolean wildcard = "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
        return "http://" + (wildcard ? "127.0.0.1" : hostForUri(host)) + ":" + port;
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = Emulator.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Reported as unknown below.
        }
        return properties.getProperty("version", "unknown");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {} ({}); remove it by hand", root, e.toString());
        }
    }
}
