package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.List;

/**
 * Reserved concurrency: PutFunctionConcurrency, GetFunctionConcurrency and DeleteFunctionConcurrency, and the
 * throttling of invocations beyond the reserved number.
 */
public final class FunctionConcurrency {

    static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";
    /** Lambda's Reason when the account's (here: the emulator's per-version) concurrency is used up. */
    static final String ACCOUNT_LIMIT = "ConcurrentInvocationLimitExceeded";

    private final FunctionRegistry registry;

    FunctionConcurrency(FunctionRegistry registry) {
        this.registry = registry;
    }

    /** Sets the function's reserved concurrency; 0 stops every invocation, as a kill switch. */
    public int putFunctionConcurrency(AccountRegion scope, String functionName, Integer reserved) {
        if (reserved == null || reserved < 0) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(reserved, "reservedConcurrentExecutions",
                    reserved == null ? "Member must not be null" : "Member must have value greater than or equal "
                            + "to 0")));
        }
        registry.function(scope, functionName).reserveConcurrency(reserved);
        return reserved;
    }

    /** The reserved concurrency, or null when the function has none. */
    public Integer getFunctionConcurrency(AccountRegion scope, String functionName) {
        return registry.function(scope, functionName).reservedConcurrency();
    }

    public void deleteFunctionConcurrency(AccountRegion scope, String functionName) {
        registry.function(scope, functionName).reserveConcurrency(null);
    }

    /**
     * The environment pool's own limit, reported with the Reason Lambda gives for an account-wide limit so SDKs and
     * students see which limit applied; any other error passes unchanged.
     */
    static AwsException withReason(AwsException error) {
        if ("TooManyRequestsException".equals(error.code()) && !(error instanceof ThrottledException)) {
            return new ThrottledException(ACCOUNT_LIMIT, error.getMessage());
        }
        return error;
    }

    /** Counts the invocation against the function's reserved concurrency, throttling it when none is left. */
    static void start(LambdaFunction function) {
        if (!function.tryStart()) {
            Integer reserved = function.reservedConcurrency();
            throw new ThrottledException(RESERVED_LIMIT, "Rate Exceeded. " + function.configuration().functionName()
                    + " has a reserved concurrency of " + reserved + (reserved != null && reserved == 0
                    ? ", so it accepts no invocations; raise it with PutFunctionConcurrency or remove it with "
                    + "DeleteFunctionConcurrency" : " and that many invocations are running; try again later"));
        }
    }
}
