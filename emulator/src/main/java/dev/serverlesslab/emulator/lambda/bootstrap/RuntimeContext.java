package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@link Context} handed to the handler for one invocation.
 *
 * <p>Cognito identity and client context are not provided: the emulator serves no mobile SDK callers.
 */
final class RuntimeContext implements Context {

    private final FunctionSettings settings;
    private final NextInvocation invocation;
    private final LambdaLogger logger;

    RuntimeContext(FunctionSettings settings, NextInvocation invocation, LambdaLogger logger) {
        this.settings = settings;
        this.invocation = invocation;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
        return settings.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return settings.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return settings.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return settings.functionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invocation.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = invocation.deadlineMillis() - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return settings.memoryLimitMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getXrayTraceId() {
        return invocation.traceId();
    }
}
