package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.esm.EventSource;
import dev.serverlesslab.emulator.lambda.esm.EventSourceFactory;
import dev.serverlesslab.emulator.lambda.esm.EventSourceMappings;
import dev.serverlesslab.emulator.lambda.esm.MappingConfiguration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Opens Kinesis streams for Lambda's event source mappings ({@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}, in
 * the mapping's account and region).
 */
public final class KinesisEventSources implements EventSourceFactory {

    private final KinesisBackend backend;
    private final EventSourceMappings mappings;
    private final LambdaBackend lambda;

    /**
     * @param mappings and {@code lambda} tell the source the mapping's function, whose execution role the Kinesis event
     *     names as {@code invokeIdentityArn}
     */
    public KinesisEventSources(KinesisBackend backend, EventSourceMappings mappings, LambdaBackend lambda) {
        this.backend = backend;
        this.mappings = mappings;
        this.lambda = lambda;
    }

    @Override
    public EventSource open(AccountRegion scope, String sourceArn) {
        String prefix = KinesisBackend.arn(scope, "");
        if (sourceArn == null || !sourceArn.startsWith(prefix) || sourceArn.length() == prefix.length()) {
            throw new AwsException("InvalidParameterValueException", "Unsupported event source " + sourceArn
                    + ": a Kinesis source must be a stream of the mapping's account and region, " + prefix + "NAME",
                    400);
        }
        KinesisStream stream = backend.stream(scope, sourceArn.substring(prefix.length()));
        return new KinesisEventSource(backend, scope, sourceArn, stream, new Identity(scope, sourceArn));
    }

    /**
     * The execution role of the mapping being made. The factory is not told the mapping's function, so the mapping
     * is recognised afterwards as the one of this stream that did not exist when the source was opened.
     */
    private final class Identity implements Supplier<String> {

        private final AccountRegion scope;
        private final String sourceArn;
        private final Set<String> before;
        private String uuid;

        Identity(AccountRegion scope, String sourceArn) {
            this.scope = scope;
            this.sourceArn = sourceArn;
            this.before = uuids();
        }

        @Override
        public synchronized String get() {
            try {
                if (uuid == null) {
                    List<String> made = uuids().stream().filter(id -> !before.contains(id)).toList();
                    if (made.size() != 1) {
                        return null;
                    }
                    uuid = made.get(0);
                }
                MappingConfiguration mapping = mappings.get(scope, uuid);
                return lambda.getFunctionConfiguration(scope, mapping.functionArn(), null).role();
            } catch (AwsException e) {
                // The mapping or its function is gone: the poller reports that on its own.
                return null;
            }
        }

        private Set<String> uuids() {
            return mappings.list(scope, sourceArn, null).stream().map(MappingConfiguration::uuid)
                    .collect(Collectors.toSet());
        }
    }
}
