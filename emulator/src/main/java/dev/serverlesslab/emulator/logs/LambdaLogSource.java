package dev.serverlesslab.emulator.logs;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import java.util.ArrayList;
import java.util.List;

/** Lambda's function logs as CloudWatch Logs sees them: group {@code /aws/lambda/<name>}, one stream per environment. */
public final class LambdaLogSource implements LogSource {

    private static final String PREFIX = "/aws/lambda/";

    private final LambdaBackend lambda;

    public LambdaLogSource(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public List<String> logGroupNames(AccountRegion scope) {
        return lambda.listFunctions(scope).stream().map(function -> PREFIX + function.functionName()).toList();
    }

    @Override
    public List<SourceEvent> events(AccountRegion scope, String logGroupName) {
        if (!logGroupName.startsWith(PREFIX)) {
            return List.of();
        }
        List<SourceEvent> events = new ArrayList<>();
        for (LogEvent event : lambda.logEvents(scope, logGroupName.substring(PREFIX.length()))) {
            events.add(new SourceEvent(event.logStreamName(), event.timestampMillis(), event.message()));
        }
        return events;
    }
}
