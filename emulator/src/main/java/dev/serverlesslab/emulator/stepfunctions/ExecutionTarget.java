package dev.serverlesslab.emulator.stepfunctions;

import dev.serverlesslab.emulator.core.Targets;

/**
 * State machines as delivery targets (EventBridge rules, Scheduler schedules): each delivery starts an execution of
 * the machine its ARN names, with the message as the input.
 */
public final class ExecutionTarget implements Targets.Target {

    private final StepFunctionsBackend backend;

    public ExecutionTarget(StepFunctionsBackend backend) {
        this.backend = backend;
    }

    @Override
    public void deliver(Targets.Delivery delivery) {
        backend.deliver(delivery.targetArn(), delivery.body());
    }
}
