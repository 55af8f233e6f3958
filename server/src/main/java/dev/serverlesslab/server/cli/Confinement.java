package dev.serverlesslab.server.cli;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.graders.backend.Backend;
import java.io.PrintStream;

/**
 * The policy for commands that run learner or solution code on this machine: say at start how that code is confined,
 * and refuse to run it unconfined unless the person running {@code lab} accepts the risk with
 * {@code --allow-unconfined} (e.g. in a throwaway CI container where bubblewrap cannot work).
 *
 * @param confined    true when each execution environment runs under the sandbox
 * @param description what confines learner code, or why nothing does ({@link Sandbox#description()})
 * @param sandbox     what the embedded emulator this command starts confines learner code with, so what was said is
 *                    what runs (and the machine is probed once)
 */
record Confinement(boolean confined, String description, Sandbox sandbox) {

    /** The flag that accepts running learner code unconfined. */
    static final String ALLOW_FLAG = "allow-unconfined";

    /** How this machine confines learner code now (probes bubblewrap: ask once per command). */
    static Confinement detect() {
        return of(Sandbox.detect());
    }

    static Confinement of(Sandbox sandbox) {
        return new Confinement(sandbox.confines(), sandbox.description(), sandbox);
    }

    /** The embedded emulator, confining learner code as this says. */
    Backend embeddedBackend() {
        return Backend.embedded(sandbox);
    }

    /** The embedded emulator with this sandbox, started in the background as {@code serve} needs it. */
    Backend embeddedBackendInBackground() {
        return Backend.embeddedInBackground(sandbox);
    }

    /**
     * Prints how learner code will be confined; refuses when it would not be and {@code allowUnconfined} is false.
     *
     * @throws Refused with the message for the person, to end the command with exit code 2
     */
    void require(String command, boolean allowUnconfined, PrintStream out) {
        if (confined) {
            out.println("Learner code is confined: " + description);
            return;
        }
        if (!allowUnconfined) {
            throw new Refused("'lab " + command + "' runs learner code, and here it would run unconfined ("
                    + description + "): as your user, able to read your files and reach your network. "
                    + "Install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; on Ubuntu 24.04 also "
                    + "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 so it may create namespaces), or, "
                    + "on a throwaway machine, pass --" + ALLOW_FLAG + " to accept the risk.");
        }
        out.println("WARNING: learner code runs UNCONFINED (" + description + "), accepted with --" + ALLOW_FLAG
                + ": it can read this user's files and reach the network.");
    }

    /** A command that must not run here as asked; {@link Lab} prints the message and exits 2. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
