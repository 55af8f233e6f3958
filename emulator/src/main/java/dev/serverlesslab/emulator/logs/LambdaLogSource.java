package dev.serverlesslab.emulator.logs;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lambda's function logs as CloudWatch Logs sees them: group {@code /aws/lambda/<name>} or the function's
 * {@code LoggingConfig.LogGroup}, one stream per environment.
 */
public final class LambdaLogSource implements LogSource {

    private static final String PREFIX = "/aws/lambda/";

    private final LambdaBackend lambda;

    public LambdaLogSource(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public List<String> logGroupNames(AccountRegion scope) {
        Set<String> groups = new TreeSet<>(lambda.logGroups(scope));
        lambda.listFunctions(scope).forEach(function -> groups.add(PREFIX + function.functionName()));
        return List.copyOf(groups);
    }

    @Override
    public List<SourceEvent> events(AccountRegion scope, String logGroupName) {
        List<SourceEvent> events = new ArrayList<>();
        for (LogEvent event : lambda.logEventsInGroup(scope, logGroupName)) {
            events.add(new SourceEvent(event.logStreamName(), event.timestampMillis(), event.message()));
        }
        return events;
    }
}
