package dev.serverlesslab.graders.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.LambdaReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * A deployed function as checks see it: every invocation goes through the real Lambda Invoke API with
 * {@code LogType=Tail}, and its log is kept so the report can show what the function printed.
 */
public final class LambdaFunction implements DeployedFunction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String name;
    private final List<Invocation> invocations = new ArrayList<>();

    LambdaFunction(LambdaClient lambda, String name) {
        this.lambda = lambda;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Invocation invoke(String jsonEvent) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(name)
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(jsonEvent == null ? "{}" : jsonEvent)));
        String log = response.logResult() == null
                ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        Invocation invocation = new Invocation(response.statusCode(), payload, response.functionError(), log,
                LambdaReport.parseLast(log).orElse(null));
        synchronized (invocations) {
            invocations.add(invocation);
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

    /** Every invocation the checks made, in order. */
    public List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }
}
