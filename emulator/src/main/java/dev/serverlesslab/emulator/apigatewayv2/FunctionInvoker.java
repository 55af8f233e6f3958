package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;

/** How an HTTP API reaches Lambda: {@code LambdaBackend::invoke} in the emulator, a stand-in in tests. */
@FunctionalInterface
public interface FunctionInvoker {

    InvokeResponse invoke(AccountRegion scope, InvokeRequest request);
}
