package dev.serverlesslab.graders.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.backend.PlatformLog;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.LambdaReport;
import dev.serverlesslab.graders.check.PlatformLines;
import dev.serverlesslab.graders.report.CheckInvocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * A deployed function as checks see it: every invocation goes through the real Lambda Invoke API with
 * {@code LogType=Tail}, and its log is kept so the report can show what the function printed.
 *
 * <p>Where the backend offers the platform's own channel ({@link PlatformLog}), an invocation's REPORT figures and
 * which of its log lines are the platform's come from there, so nothing a handler prints can pose as them. Elsewhere
 * they come from the log tail: the LAST {@code REPORT RequestId: <id>} line of the invocation's request id, since the
 * platform writes its REPORT after everything the handler printed (a handler can still print a REPORT line for an id
 * of its own making, which is why only the invocation's own id counts).
 */
public final class LambdaFunction implements DeployedFunction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String name;
    private final String arn;
    private final PlatformLog platform;
    private final List<Invocation> invocations = new ArrayList<>();
    /** The same invocations with the event each was sent, as the report shows them per check. */
    private final List<CheckInvocation> logged = new ArrayList<>();
    /** Where the invocations of every function of the grading are kept in order: this one's own list, or shared. */
    private final List<CheckInvocation> journal;
    private volatile java.util.function.Supplier<software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient>
            logs;

    /**
     * @param arn the function's ARN as CreateFunction answered it (it names the account the grading deployed into)
     * @param platform the backend's platform channel, or null when it has none
     */
    LambdaFunction(LambdaClient lambda, String name, String arn, PlatformLog platform) {
        this(lambda, name, arn, platform, null);
    }

    /** @param journal the grading's log of the invocations of all its functions, or null for this one's own */
    LambdaFunction(LambdaClient lambda, String name, String arn, PlatformLog platform, List<CheckInvocation> journal) {
        this.lambda = lambda;
        this.name = name;
        this.arn = arn;
        this.platform = platform;
        this.journal = journal;
    }

    /** The function's ARN, as CreateFunction answered it. */
    public String arn() {
        return arn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Invocation invoke(String jsonEvent) {
        String event = jsonEvent == null ? "{}" : jsonEvent;
        InvokeResponse response = lambda.invoke(b -> b.functionName(name)
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(event)));
        String log = response.logResult() == null
                ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        String requestId = response.responseMetadata().requestId();
        if (requestId == null || requestId.isBlank() || "UNKNOWN".equals(requestId)) {
            requestId = LambdaReport.parseLast(log).map(LambdaReport::requestId).orElse(null);
        }
        Invocation invocation;
        if (platform != null) {
            List<String> own = PlatformLines.ofInvocation(platform.lines(arn), requestId);
            LambdaReport report = LambdaReport.parseLast(String.join("\n", own)).orElse(null);
            invocation = new Invocation(response.statusCode(), payload, response.functionError(), log, report,
                    requestId, PlatformLines.functionLog(log, requestId, own));
        } else {
            String id = requestId;
            LambdaReport report = LambdaReport.lastPerRequest(log.lines().toList()).stream()
                    .filter(r -> r.requestId().equals(id)).findFirst().orElse(null);
            invocation = new Invocation(response.statusCode(), payload, response.functionError(), log, report,
                    requestId, null);
        }
        synchronized (invocations) {
            invocations.add(invocation);
            // The REPORT shown is the one the figures came from: the platform's where it has a channel.
            CheckInvocation entry = new CheckInvocation(invocation.requestId(), event, payload,
                    invocation.functionError(), invocation.functionLog(),
                    invocation.report() == null ? null : invocation.report().line());
            logged.add(entry);
            if (journal != null) {
                synchronized (journal) {
                    journal.add(entry);
                }
            }
        }
        return invocation;
    }

    @Override
    public Invocation invoke(Object event) {
        if (event instanceof String json) {
            return invoke(json);
        }
        try {
            return invoke(JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The REPORT lines of every invocation of this function, also those that came through an API, when the backend
     * offers the platform's channel; empty when it does not, and the logs must be read instead.
     */
    public Optional<List<String>> platformReportLines() {
        if (platform == null) {
            return Optional.empty();
        }
        return Optional.of(platform.lines(arn).stream().filter(line -> line.startsWith("REPORT RequestId: ")).toList());
    }

    /**
     * Where the function's log group is read to count its runs on a backend without the platform channel; the grader
     * hands the checks' CloudWatch Logs client.
     */
    public void readLogsWith(java.util.function.Supplier<software.amazon.awssdk.services.cloudwatchlogs
            .CloudWatchLogsClient> client) {
        this.logs = client;
    }

    /**
     * Counts the function's REPORT lines: one per run, whoever invoked it. From the platform channel where the
     * backend has one; otherwise from the log group (which a backend may fill late), and 0 when neither is there.
     */
    @Override
    public int invocationCount() {
        Optional<List<String>> platformLines = platformReportLines();
        if (platformLines.isPresent()) {
            return platformLines.get().size();
        }
        if (logs == null) {
            synchronized (invocations) {
                return invocations.size();
            }
        }
        return FunctionLogs.reportLines(FunctionLogs.read(logs.get(), name), null).size();
    }

    /** Every invocation the checks made with its event, in order, as the report keeps them per check. */
    public List<CheckInvocation> invocationLog() {
        synchronized (invocations) {
            return List.copyOf(logged);
        }
    }

    /** Every invocation the checks made, in order. */
    public List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }
}
