package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Optional;

/** Runs a Task state's resource: a Lambda function or a service integration. */
public interface TaskInvoker {

    /** Why a Task resource cannot run here (checked at CreateStateMachine), or empty when it can. */
    Optional<String> problem(String resource);

    /**
     * Runs the resource with the state's effective input and answers its result; throws {@link StatesError} named as
     * AWS names the failure (a function's {@code errorType}, {@code Lambda.ResourceNotFoundException}, ...).
     *
     * @param scope the account and region of the execution, for resources named without them
     */
    JsonNode invoke(AccountRegion scope, String resource, JsonNode input);
}
