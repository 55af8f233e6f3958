package dev.serverlesslab.server.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command: its usage, generated from its options. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this command's usage and exit.")
    boolean requested;
}
