package dev.serverlesslab.exercises.build;

/**
 * A built submission: the compilation and, when it succeeded, the Lambda deployment package.
 *
 * @param compile       the compilation's outcome and diagnostics
 * @param deploymentZip the zip to deploy as the function's code, or null when compilation failed
 */
public record Build(CompileResult compile, byte[] deploymentZip) {

    /** True when the sources compiled and a deployment zip was produced. */
    public boolean success() {
        return compile.success() && deploymentZip != null;
    }

    @Override
    public String toString() {
        return "Build[success=" + success() + ", diagnostics=" + compile.diagnostics().size() + ", zipBytes="
                + (deploymentZip == null ? "none" : deploymentZip.length) + "]";
    }
}
