package dev.serverlesslab.server.account;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking: set on every request before any handler runs (the solo learner in solo mode, the signed-in account
 * in class mode), and read by handlers with {@link #of(Context)}. Handlers never take a learner from the request
 * itself: ids in URLs name things, they do not grant access to them.
 *
 * @param learnerId the {@code learners} row whose submissions and progress are this person's own
 * @param accountId the {@code accounts} row, or 0 in solo mode where there are no accounts
 */
public record Viewer(long learnerId, long accountId, String handle, String displayName, Role role) {

    static final String ATTRIBUTE = "serverlesslab.viewer";

    public Viewer {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }

    /** The one learner of solo mode. */
    public static Viewer solo(long learnerId) {
        return new Viewer(learnerId, 0, "solo", "You", Role.STUDENT);
    }

    /** The viewer of this request; a route reached without one is a bug, so this fails loudly rather than guess. */
    public static Viewer of(Context ctx) {
        Viewer viewer = ctx.attribute(ATTRIBUTE);
        if (viewer == null) {
            throw new IllegalStateException("no viewer was set for " + ctx.method() + " " + ctx.path()
                    + ": every route must run behind the authentication before-handler");
        }
        return viewer;
    }

    /** The viewer of this request if one was set: for what every page shows, e.g. the user menu of the layout. */
    public static Optional<Viewer> find(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** Whether this is a signed-in account (class mode) rather than the solo learner. */
    public boolean isSignedIn() {
        return accountId != 0;
    }

    /** Makes {@code viewer} the one asking for the rest of this request. */
    public static void set(Context ctx, Viewer viewer) {
        ctx.attribute(ATTRIBUTE, Objects.requireNonNull(viewer, "viewer"));
    }

    /** Whether this person may read (and re-open, poll or re-run) the work of {@code ownerLearnerId}. */
    public boolean mayRead(long ownerLearnerId) {
        return ownerLearnerId == learnerId || role.isStaff();
    }

    /** The key the grading queue keeps fairness by: one per learner, whatever address they submit from. */
    public String fairnessKey() {
        return fairnessKey(learnerId);
    }

    /** The fairness key of a learner's submissions, e.g. those a restart re-queues. */
    public static String fairnessKey(long learnerId) {
        return "learner:" + learnerId;
    }
}
