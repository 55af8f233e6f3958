package dev.serverlesslab.emulator.lambda.bootstrap;

import java.util.Map;

/**
 * What the environment variables Lambda sets say about the function, read once at start.
 */
record FunctionSettings(
        String functionName,
        String functionVersion,
        int memoryLimitMb,
        String logGroupName,
        String logStreamName,
        String handler,
        String taskRoot,
        String runtimeApi) {

    static FunctionSettings fromEnvironment(Map<String, String> env) {
        return new FunctionSettings(
                env.get("AWS_LAMBDA_FUNCTION_NAME"),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                parseInt(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
                env.get("AWS_LAMBDA_LOG_GROUP_NAME"),
                env.get("AWS_LAMBDA_LOG_STREAM_NAME"),
                env.get("_HANDLER"),
                env.get("LAMBDA_TASK_ROOT"),
                env.get("AWS_LAMBDA_RUNTIME_API"));
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
