package dev.serverlesslab.emulator.lambda;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How UpdateFunctionCode, UpdateFunctionConfiguration and PublishVersion change a function's configuration, with the
 * rules CreateFunction enforces applied to the result.
 */
final class FunctionChanges {

    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final String UPDATING = "The function is being created.";

    private FunctionChanges() {
    }

    static String now() {
        return LAST_MODIFIED.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** The configuration CreateFunction answers with: Pending until the code is in place. */
    static FunctionConfiguration created(CreateFunctionRequest request, String arn,
            CodeArchive.Unpacked code) {
        Map<String, String> variables = FunctionRules.variables(request);
        return new FunctionConfiguration(request.functionName(), arn, request.runtime(), request.role(),
                request.handler(), code.codeSize(), request.description() == null ? "" : request.description(),
                FunctionRules.timeout(request), FunctionRules.memorySize(request),
                now(), code.codeSha256(), "$LATEST",
                variables.isEmpty() ? null : new FunctionConfiguration.EnvironmentResponse(variables),
                FunctionRules.tracing(request.tracingConfig()), UUID.randomUUID().toString(),
                "Pending", "The function is being created.", "Creating", null, null, null, "Zip",
                FunctionRules.architectures(request),
                new FunctionConfiguration.EphemeralStorage(FunctionRules.ephemeralStorage(request)),
                new FunctionConfiguration.SnapStart("None", "Off"),
                FunctionLogging.resolve(request.loggingConfig(), null, request.functionName()), null, null,
                deadLetter(request.deadLetterConfig()));
    }

    /** Fails with PreconditionFailed when the caller's RevisionId is not the current one. */
    static void checkRevision(String expected, FunctionConfiguration current) {
        checkRevision(expected, current.revisionId());
    }

    /** Fails with PreconditionFailed when the caller's RevisionId (of a function or alias) is not the current one. */
    static void checkRevision(String expected, String current) {
        if (expected != null && !expected.equals(current)) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    /** The configuration after new code, as UpdateFunctionCode answers it: the update still InProgress. */
    static FunctionConfiguration code(FunctionConfiguration current, CodeArchive.Unpacked code) {
        FunctionConfiguration c = current;
        return new FunctionConfiguration(c.functionName(), c.functionArn(), c.runtime(), c.role(), c.handler(),
                code.codeSize(), c.description(), c.timeout(), c.memorySize(), now(), code.codeSha256(), c.version(),
                c.environment(), c.tracingConfig(), UUID.randomUUID().toString(), "Active", null, null, "InProgress",
                UPDATING, "Creating", c.packageType(), c.architectures(), c.ephemeralStorage(), c.snapStart(),
                c.loggingConfig(), c.layers(), c.runtimeVersionConfig(), c.deadLetterConfig());
    }

    /**
     * The configuration after UpdateFunctionConfiguration, as it answers it: the update still InProgress. The merged
     * result is checked with CreateFunction's rules, so an update cannot reach a state a create would refuse.
     */
    static FunctionConfiguration configuration(FunctionConfiguration c, UpdateFunctionConfigurationRequest update) {
        String role = pick(update.role(), c.role());
        String handler = pick(update.handler(), c.handler());
        String runtime = pick(update.runtime(), c.runtime());
        String description = pick(update.description(), c.description());
        int timeout = pick(update.timeout(), c.timeout());
        int memory = pick(update.memorySize(), c.memorySize());
        FunctionConfiguration.EphemeralStorage storage = pick(update.ephemeralStorage(), c.ephemeralStorage());
        FunctionConfiguration.TracingConfig tracing = update.tracingConfig() == null ? c.tracingConfig()
                : FunctionRules.tracing(update.tracingConfig());
        Map<String, String> variables;
        if (update.environment() != null) {
            variables = update.environment().variables() == null ? Map.of() : update.environment().variables();
        } else {
            variables = c.environment() == null ? Map.of() : c.environment().variables();
        }
        FunctionRules.validate(new CreateFunctionRequest(c.functionName(), runtime, role, handler,
                new CreateFunctionRequest.FunctionCode(new byte[1], null, null, null, null), description, timeout,
                memory, null, c.packageType(), new CreateFunctionRequest.Environment(variables), null, null, null,
                storage));
        return new FunctionConfiguration(c.functionName(), c.functionArn(), runtime, role, handler, c.codeSize(),
                description, timeout, memory, now(), c.codeSha256(), c.version(),
                variables.isEmpty() ? null : new FunctionConfiguration.EnvironmentResponse(Map.copyOf(variables)),
                tracing, UUID.randomUUID().toString(), "Active", null, null, "InProgress", UPDATING,
                "Creating", c.packageType(), c.architectures(), storage, c.snapStart(),
                FunctionLogging.resolve(update.loggingConfig(), c.loggingConfig(), c.functionName()), c.layers(),
                c.runtimeVersionConfig(),
                update.deadLetterConfig() == null ? c.deadLetterConfig() : deadLetter(update.deadLetterConfig()));
    }

    /** The immutable copy of $LATEST that PublishVersion creates as version {@code number}. */
    static FunctionConfiguration version(FunctionConfiguration latest, int number, String description) {
        FunctionConfiguration c = latest;
        return new FunctionConfiguration(c.functionName(), c.functionArn() + ":" + number, c.runtime(), c.role(),
                c.handler(), c.codeSize(), description == null ? c.description() : description, c.timeout(),
                c.memorySize(), now(), c.codeSha256(), Integer.toString(number), c.environment(), c.tracingConfig(),
                UUID.randomUUID().toString(), "Active", null, null, "Successful", null, null, c.packageType(),
                c.architectures(), c.ephemeralStorage(), c.snapStart(), c.loggingConfig(), c.layers(),
                c.runtimeVersionConfig(), c.deadLetterConfig());
    }

    /** An empty TargetArn removes the queue, as UpdateFunctionConfiguration's {@code TargetArn: ""} does on AWS. */
    private static FunctionConfiguration.DeadLetterConfig deadLetter(FunctionConfiguration.DeadLetterConfig config) {
        return config == null || config.targetArn() == null || config.targetArn().isEmpty() ? null : config;
    }

    private static <T> T pick(T requested, T current) {
        return requested != null ? requested : current;
    }
}
