package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST service's operations: the model's {@link OperationRouter} resolves each request, and the handler
 * registered for the operation's name answers it. The operations a service supports are exactly the names
 * registered here, so the list in error messages is derived from the table, never written twice.
 *
 * <p>A request the model knows but no handler serves answers {@code UnknownOperationException} (404) naming the
 * operation as not supported; one the model does not know answers the same code saying no operation is there.
 */
public final class RestOperations {

    /** Answers one resolved call; throws {@link AwsException} for anything AWS answers with an error. */
    @FunctionalInterface
    public interface Operation {
        AwsResponse handle(RestCall call);
    }

    private final String title;
    private final OperationRouter router;
    private final Map<String, Operation> handlers;

    /**
     * @param title the service as people name it in messages, e.g. {@code Lambda}
     * @param handlers operation name to handler; every name must be one of the model's
     */
    public RestOperations(String title, OperationRouter router, Map<String, Operation> handlers) {
        this.title = title;
        this.router = router;
        for (String name : handlers.keySet()) {
            if (!router.knows(name)) {
                throw new IllegalArgumentException(title + " has no operation " + name + " in AWS's model ("
                        + router.service() + " table)");
            }
        }
        this.handlers = new LinkedHashMap<>(handlers);
    }

    /** The operations served, in registration order. */
    public List<String> supported() {
        return List.copyOf(handlers.keySet());
    }

    /** The model's table behind this service. */
    public OperationRouter router() {
        return router;
    }

    /** The operation the request resolves to in the model, if any; served or not. */
    public Optional<OperationRouter.Resolved> resolve(AwsRequest request) {
        return router.resolve(request);
    }

    /** Resolves the request and lets its operation's handler answer it. */
    public AwsResponse dispatch(AwsRequest request) {
        OperationRouter.Resolved resolved = router.resolve(request).orElseThrow(() -> unknownPath(request));
        Operation handler = handlers.get(resolved.operation());
        if (handler == null) {
            throw unsupported(resolved.operation(), request);
        }
        return handler.handle(new RestCall(request, resolved.operation(), resolved.pathParameters()));
    }

    /** The error for an operation of the model this emulator does not serve, or does not serve in this form. */
    public AwsException unsupported(String operation, AwsRequest request) {
        return new AwsException("UnknownOperationException", "The " + title + " operation " + operation + " ("
                + request.describe() + ") is not supported by this emulator (Serverless Lab); " + title
                + " operations supported: " + String.join(", ", supported()), 404);
    }

    private AwsException unknownPath(AwsRequest request) {
        return new AwsException("UnknownOperationException", "Serverless Lab's emulator does not support "
                + request.describe() + ": no " + title + " operation is there in the service model it routes by; "
                + title
                + " operations supported: " + String.join(", ", supported()), 404);
    }
}
