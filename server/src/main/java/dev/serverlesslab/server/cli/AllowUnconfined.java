package dev.serverlesslab.server.cli;

import picocli.CommandLine.Option;

/** The option of every command that runs learner or solution code: accept running it without bubblewrap. */
final class AllowUnconfined {

    @Option(names = "--" + Confinement.ALLOW_FLAG,
            description = "Run learner code even where bubblewrap cannot confine it (a throwaway machine only).")
    boolean allowed;
}
