package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.lambda.InvocationType;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a proxy integration's function in-process and gives up after the integration's timeout, as API Gateway
 * does, while the function itself keeps running to its own Lambda timeout.
 */
final class LambdaIntegration implements AutoCloseable {

    private final LambdaBackend lambda;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "apigateway-integration");
        thread.setDaemon(true);
        return thread;
    });

    LambdaIntegration(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    /** The function's answer, or empty when it did not answer within {@code timeoutMillis}. */
    Optional<InvokeResponse> call(FunctionTarget target, byte[] event, int timeoutMillis) {
        Future<InvokeResponse> call = calls.submit(() -> lambda.invoke(target.scope(),
                new InvokeRequest(target.functionArn(), null, InvocationType.RequestResponse, event, null)));
        try {
            return Optional.of(call.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Lambda invoke failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
