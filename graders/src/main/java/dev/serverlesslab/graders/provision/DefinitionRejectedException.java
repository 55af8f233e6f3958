package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.build.SourceDiagnostic;

/**
 * Step Functions refused a state machine definition the learner wrote ({@code InvalidDefinition}): the learner's
 * mistake to fix, reported like a compiler error on their file, not a grading that broke down.
 */
public final class DefinitionRejectedException extends ProvisioningException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    DefinitionRejectedException(String what, String file, RuntimeException cause) {
        super(what, cause);
        this.file = file;
        this.reason = describe(cause);
    }

    /** The learner's file and Step Functions' reason, as a diagnostic. */
    public SourceDiagnostic diagnostic() {
        return new SourceDiagnostic(file, 0, 0, "error", "Step Functions refused this definition: " + reason);
    }
}
