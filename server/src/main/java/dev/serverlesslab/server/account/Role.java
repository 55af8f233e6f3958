package dev.serverlesslab.server.account;

/** What a signed-in person may do. Solo mode has one person, a {@link #STUDENT} who is also the only learner. */
public enum Role {
    /** Reads lessons, submits, and sees only their own submissions, drafts and progress. */
    STUDENT,
    /** Everything a student does, plus everyone's submissions with unredacted reports, the dashboard and re-grading. */
    INSTRUCTOR,
    /** Everything an instructor does, plus creating instructors. */
    ADMIN;

    /** Whether this role sees every learner's work (instructors and admins). */
    public boolean isStaff() {
        return this != STUDENT;
    }
}
