package dev.serverlesslab.server.account;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The staff pages under {@code /staff} (class mode): cohorts and their join codes, roster import, password resets,
 * and, for admins, instructor accounts. Students get 403 on every one of them (see {@link #requireStaff}). One-time
 * passwords appear once, on the page that made them, which browsers are told not to store.
 */
public final class StaffPages {

    private final AccountStore accounts;
    private final CohortStore cohorts;
    private final RosterImport roster;
    private final Secrets secrets;

    public StaffPages(AccountStore accounts, CohortStore cohorts, Secrets secrets) {
        this.accounts = accounts;
        this.cohorts = cohorts;
        this.roster = new RosterImport(accounts, cohorts, secrets);
        this.secrets = secrets;
    }

    /** Before every /staff route: only instructors and admins get further. */
    public void requireStaff(Context ctx) {
        if (!Viewer.of(ctx).role().isStaff()) {
            throw new ForbiddenResponse("The staff pages are for instructors and admins; your account is a student's.");
        }
    }

    /** GET /staff: cohorts, roster import, and (admins) instructors. */
    public void home(Context ctx) {
        renderHome(ctx, HttpStatus.OK, null, Map.of());
    }

    /** POST /staff/cohorts: a new cohort with a fresh join code. */
    public void createCohort(Context ctx) {
        try {
            Cohort cohort = cohorts.create(ctx.formParam("name"));
            ctx.redirect("/staff/cohorts/" + cohort.id(), HttpStatus.SEE_OTHER);
        } catch (AccountException e) {
            renderHome(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), Map.of("cohortName", orEmpty(ctx.formParam("name"))));
        }
    }

    /** GET /staff/cohorts/{cohortId}: the join code, open or closed, and the cohort's accounts. */
    public void cohort(Context ctx) {
        Cohort cohort = cohort(ctx.pathParam("cohortId"));
        Map<String, Object> model = new HashMap<>();
        model.put("title", cohort.name());
        model.put("cohort", cohort);
        model.put("members", accounts.listByCohort(cohort.id()));
        ctx.render("staff/cohort", model);
    }

    /** POST /staff/cohorts/{cohortId}/join: opens ({@code open=true}) or closes sign-up with the join code. */
    public void setJoinOpen(Context ctx) {
        Cohort cohort = cohort(ctx.pathParam("cohortId"));
        cohorts.setJoinOpen(cohort.id(), "true".equals(ctx.formParam("open")));
        ctx.redirect("/staff/cohorts/" + cohort.id(), HttpStatus.SEE_OTHER);
    }

    /** POST /staff/roster: CSV lines of students, each created with a one-time password, or the lines to fix. */
    public void importRoster(Context ctx) {
        String csv = orEmpty(ctx.formParam("csv"));
        String cohortParam = orEmpty(ctx.formParam("cohort"));
        Cohort defaultCohort = cohortParam.isEmpty() ? null : cohort(cohortParam);
        RosterImport.Checked checked = roster.check(csv, defaultCohort);
        if (!checked.problems().isEmpty()) {
            Map<String, Object> model = new HashMap<>();
            model.put("csv", csv);
            model.put("problems", checked.problems());
            model.put("rosterCohort", defaultCohort == null ? 0L : defaultCohort.id());
            renderHome(ctx, HttpStatus.BAD_REQUEST, "Nothing was imported: fix the lines below and import again.",
                    model);
            return;
        }
        RosterImport.Imported imported = roster.create(checked.lines());
        renderPasswords(ctx, "Imported " + imported.created().size() + " student"
                + (imported.created().size() == 1 ? "" : "s"), imported.created(), imported.problems());
    }

    /** POST /staff/instructors (admins only): an instructor account with a one-time password. */
    public void createInstructor(Context ctx) {
        if (Viewer.of(ctx).role() != Role.ADMIN) {
            throw new ForbiddenResponse("Only an admin creates instructor accounts.");
        }
        String password = secrets.oneTimePassword();
        try {
            Account account = accounts.create(ctx.formParam("username"), ctx.formParam("displayName"), Role.INSTRUCTOR,
                    null, password, true);
            renderPasswords(ctx, "Instructor created", List.of(new RosterImport.Created(account, "", password)),
                    List.of());
        } catch (AccountException e) {
            renderHome(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), Map.of(
                    "instructorUsername", orEmpty(ctx.formParam("username")),
                    "instructorName", orEmpty(ctx.formParam("displayName"))));
        }
    }

    /**
     * POST /staff/accounts/{accountId}/reset-password: a new one-time password. Instructors reset students; admins
     * also reset instructors. Nobody resets their own here (that is /account) or an admin's.
     */
    public void resetPassword(Context ctx) {
        Viewer viewer = Viewer.of(ctx);
        Account account = parseId(ctx.pathParam("accountId")).flatMap(accounts::find)
                .orElseThrow(() -> new NotFoundResponse("There is no such account."));
        boolean allowed = account.id() != viewer.accountId() && (account.role() == Role.STUDENT
                || (account.role() == Role.INSTRUCTOR && viewer.role() == Role.ADMIN));
        if (!allowed) {
            throw new ForbiddenResponse("You cannot reset the password of " + account.username() + " ("
                    + account.role().name().toLowerCase(java.util.Locale.ROOT) + "). Change your own at /account.");
        }
        String password = secrets.oneTimePassword();
        accounts.setPassword(account.id(), password, true);
        String cohortName = account.cohortId() == null ? ""
                : cohorts.find(account.cohortId()).map(Cohort::name).orElse("");
        renderPasswords(ctx, "Password reset", List.of(new RosterImport.Created(account, cohortName, password)),
                List.of());
    }

    private void renderHome(Context ctx, HttpStatus status, String error, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Staff");
        model.put("cohorts", cohorts.list());
        model.put("isAdmin", Viewer.of(ctx).role() == Role.ADMIN);
        model.put("instructors", accounts.listByRole(Role.INSTRUCTOR));
        model.put("error", error);
        model.put("csv", "");
        model.put("problems", List.of());
        model.put("rosterCohort", 0L);
        model.put("cohortName", "");
        model.put("instructorUsername", "");
        model.put("instructorName", "");
        model.putAll(extra);
        ctx.status(status).render("staff/home", model);
    }

    private static void renderPasswords(Context ctx, String heading, List<RosterImport.Created> created,
            List<RosterImport.Problem> problems) {
        // One-time passwords: not for the back button, a shared proxy or the disk cache.
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> model = new HashMap<>();
        model.put("title", heading);
        model.put("created", created);
        model.put("problems", problems);
        ctx.render("staff/passwords", model);
    }

    private Cohort cohort(String id) {
        return parseId(id).flatMap(cohorts::find)
                .orElseThrow(() -> new NotFoundResponse("There is no cohort " + id + ". Pick one on the staff page."));
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
