package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.FunctionSpec;
import java.nio.file.Path;

/**
 * One runnable state of a function, $LATEST or a published version: its configuration, its code and the environments
 * that run exactly that code and configuration.
 */
record Deployment(FunctionConfiguration configuration, FunctionSpec spec, EnvironmentPool environments) {

    Path taskRoot() {
        return spec.taskRoot();
    }

    /** The same code and environments with the configuration a later state check reports. */
    Deployment with(FunctionConfiguration next) {
        return new Deployment(next, spec, environments);
    }
}
