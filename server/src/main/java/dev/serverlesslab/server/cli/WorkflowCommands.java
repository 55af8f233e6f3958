package dev.serverlesslab.server.cli;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Switches GitHub Actions' workflow commands off while learner output is printed: {@code ::stop-commands::<token>}
 * before, {@code ::<token>::} after, with a token drawn at random per grading so learner text cannot resume them.
 * While paused the runner ignores every {@code ::error::}, {@code ::add-mask::} or {@code ##[...]} line (see
 * actions/runner {@code ActionCommandManager.TryProcessCommand}); {@code ConsoleText} defuses such lines on every
 * console as well, so this is the second of two locks. Does nothing outside GitHub Actions.
 */
final class WorkflowCommands implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrintStream out;
    private final String token;

    private WorkflowCommands(PrintStream out, String token) {
        this.out = out;
        this.token = token;
    }

    /** Pauses command processing when {@code GITHUB_ACTIONS=true} in {@code environment}. */
    static WorkflowCommands pause(PrintStream out, Map<String, String> environment) {
        if (!"true".equals(environment.get("GITHUB_ACTIONS"))) {
            return new WorkflowCommands(out, null);
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = "lab-" + HexFormat.of().formatHex(random);
        out.println("::stop-commands::" + token);
        out.flush();
        return new WorkflowCommands(out, token);
    }

    /** Resumes command processing. */
    @Override
    public void close() {
        if (token != null) {
            out.println("::" + token + "::");
            out.flush();
        }
    }
}
