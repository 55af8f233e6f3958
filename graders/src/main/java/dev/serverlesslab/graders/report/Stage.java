package dev.serverlesslab.graders.report;

/** The steps of a grading, in the order they run (DESIGN.md, "Grading pipeline"). */
public enum Stage {
    VALIDATE("Validate"),
    COMPILE("Compile"),
    PACKAGE("Package"),
    PROVISION("Provision"),
    DEPLOY("Deploy"),
    CHECK("Run checks"),
    TEARDOWN("Teardown");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** What a person reads for this stage. */
    public String label() {
        return label;
    }
}
