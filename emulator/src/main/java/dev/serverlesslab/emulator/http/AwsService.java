package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.List;

/**
 * One emulated AWS service as the router sees it: how to recognise its requests and the handler for its wire format.
 */
public interface AwsService extends AutoCloseable {

    /** The SigV4 signing name clients put in the credential scope, e.g. {@code lambda}. */
    String signingName();

    /** The wire protocol, which decides how errors are written. */
    Protocol protocol();

    /** {@code X-Amz-Target} prefixes before the dot (e.g. {@code DynamoDB_20120810}); empty for REST services. */
    default List<String> targetPrefixes() {
        return List.of();
    }

    /**
     * Path prefixes that identify a request as this service's when the signing name does not settle it (unsigned,
     * or shared as API Gateway's REST and HTTP APIs share {@code apigateway}); a prefix covers itself and what lies
     * below it, e.g. {@code /v2} covers {@code /v2/apis}. REST services derive them from their operation table.
     */
    default List<String> pathPrefixes() {
        return List.of();
    }

    /**
     * The operations this service serves, by their AWS names, as the table that dispatches them holds them; empty for
     * a service that forwards every request (DynamoDB Local answers for itself).
     */
    default List<String> operations() {
        return List.of();
    }

    /** Answers one request; throws {@link AwsException} for anything AWS would answer with an error. */
    AwsResponse handle(AwsRequest request);

    /** True once the service can answer: health then says {@code running}, before that {@code available}. */
    default boolean running() {
        return true;
    }

    /** Releases what the service holds (child processes, files); the default holds nothing. */
    @Override
    default void close() {
    }
}
