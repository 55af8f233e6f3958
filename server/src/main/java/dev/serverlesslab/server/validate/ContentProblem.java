package dev.serverlesslab.server.validate;

/** One thing wrong with the course content: where, and what to fix. */
public record ContentProblem(String where, String problem) {

    @Override
    public String toString() {
        return where + ": " + problem;
    }
}
