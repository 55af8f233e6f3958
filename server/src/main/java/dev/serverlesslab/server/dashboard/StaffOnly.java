package dev.serverlesslab.server.dashboard;

import dev.serverlesslab.server.account.Viewer;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;

/**
 * The guard of every staff-only route: instructors and admins pass, anyone else gets a 403 saying why. Usable at the
 * start of a handler ({@code Viewer staff = StaffOnly.require(ctx);}) or as a before-handler
 * ({@code before(StaffOnly::require)}), so the accounts pages can share it.
 */
public final class StaffOnly {

    static final String REFUSAL = "This page is for the course staff (instructors and admins) only. Sign in with a "
            + "staff account to follow the class; your own progress is on the course outline.";

    private StaffOnly() {
    }

    /** The viewer, when they are staff; otherwise throws a 403 with {@link #REFUSAL}. */
    public static Viewer require(Context ctx) {
        Viewer viewer = Viewer.of(ctx);
        if (!viewer.role().isStaff()) {
            throw new ForbiddenResponse(REFUSAL);
        }
        return viewer;
    }
}
