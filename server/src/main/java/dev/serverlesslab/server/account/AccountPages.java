package dev.serverlesslab.server.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out, signing up with a cohort's join code, and changing one's own password (class mode). Wrong
 * passwords and unknown usernames get the same message, and sign-in attempts are throttled per username and address.
 */
public final class AccountPages {

    static final String WRONG = "The username or password is wrong.";

    private final AccountStore accounts;
    private final CohortStore cohorts;
    private final LoginThrottle throttle;

    public AccountPages(AccountStore accounts, CohortStore cohorts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.cohorts = cohorts;
        this.throttle = throttle;
    }

    /** GET /login: the form; someone already signed in goes on to where they were headed. */
    public void loginForm(Context ctx) {
        String next = ClassModeGate.safeNext(ctx.queryParam("next"));
        if (SignIn.accountId(ctx).flatMap(accounts::find).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        renderLogin(ctx, HttpStatus.OK, "", next, null);
    }

    /** POST /login. */
    public void login(Context ctx) {
        String username = Usernames.normalize(ctx.formParam("username"));
        String password = ctx.formParam("password");
        String next = ClassModeGate.safeNext(ctx.formParam("next"));
        Optional<Duration> wait = throttle.retryAfter(username, ctx.ip());
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + 1);
            ctx.header("Retry-After", Long.toString(seconds));
            renderLogin(ctx, HttpStatus.TOO_MANY_REQUESTS, username, next, "Too many failed sign-ins. Wait "
                    + minutes(seconds) + " and try again, or ask your instructor to reset your password.");
            return;
        }
        Optional<Account> account = accounts.verify(username, password == null ? "" : password);
        if (account.isEmpty()) {
            throttle.failed(username, ctx.ip());
            renderLogin(ctx, HttpStatus.UNAUTHORIZED, username, next, WRONG);
            return;
        }
        throttle.succeeded(username);
        SignIn.start(ctx, account.get());
        ctx.redirect(account.get().mustChangePassword() ? "/account" : next, HttpStatus.SEE_OTHER);
    }

    /** POST /logout: ends the session on the server, then back to the sign-in form. */
    public void logout(Context ctx) {
        SignIn.end(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** GET /signup: the form, with the join code from {@code ?code=} filled in when a link carried one. */
    public void signupForm(Context ctx) {
        Map<String, Object> model = new HashMap<>();
        model.put("code", Optional.ofNullable(ctx.queryParam("code")).orElse(""));
        renderSignup(ctx, HttpStatus.OK, model, null);
    }

    /** POST /signup: a student account in the cohort the join code names, signed in at once. */
    public void signup(Context ctx) {
        Map<String, Object> model = new HashMap<>();
        String code = Optional.ofNullable(ctx.formParam("code")).orElse("").strip();
        String username = Usernames.normalize(ctx.formParam("username"));
        String displayName = Optional.ofNullable(ctx.formParam("displayName")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        model.put("code", code);
        model.put("username", username);
        model.put("displayName", displayName);
        Optional<Duration> wait = throttle.retryAfterForAddress(ctx.ip());
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + 1);
            ctx.header("Retry-After", Long.toString(seconds));
            renderSignup(ctx, HttpStatus.TOO_MANY_REQUESTS, model, "Too many wrong join codes from here. Wait "
                    + minutes(seconds) + " and check the code with your instructor.");
            return;
        }
        Optional<Cohort> cohort = code.isEmpty() ? Optional.empty() : cohorts.findByJoinCode(code);
        if (cohort.isEmpty()) {
            throttle.failedFromAddress(ctx.ip());
            renderSignup(ctx, HttpStatus.BAD_REQUEST, model, code.isEmpty()
                    ? "Enter the join code your instructor gave you."
                    : "No class has the join code '" + code + "'. Check it with your instructor.");
            return;
        }
        if (!cohort.get().joinOpen()) {
            renderSignup(ctx, HttpStatus.BAD_REQUEST, model, "Sign-up for " + cohort.get().name()
                    + " is closed. Ask your instructor to reopen it or to create your account.");
            return;
        }
        if (!password.equals(ctx.formParam("password2"))) {
            renderSignup(ctx, HttpStatus.BAD_REQUEST, model, "The two passwords differ; type the same one twice.");
            return;
        }
        Account account;
        try {
            account = accounts.create(username, displayName, Role.STUDENT, cohort.get().id(), password, false);
        } catch (AccountException e) {
            renderSignup(ctx, HttpStatus.BAD_REQUEST, model, e.getMessage());
            return;
        }
        SignIn.start(ctx, account);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** GET /account: the password form (the only page while a one-time password is in use). */
    public void accountForm(Context ctx) {
        renderAccount(ctx, HttpStatus.OK, null, null);
    }

    /** POST /account: changes the signed-in account's password, given the current one. */
    public void changePassword(Context ctx) {
        Viewer viewer = Viewer.of(ctx);
        String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        Optional<Duration> wait = throttle.retryAfter(viewer.handle(), ctx.ip());
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds() + 1)));
            renderAccount(ctx, HttpStatus.TOO_MANY_REQUESTS, "Too many wrong passwords. Wait "
                    + minutes(wait.get().toSeconds() + 1) + " and try again.", null);
            return;
        }
        if (accounts.verify(viewer.handle(), current).isEmpty()) {
            throttle.failed(viewer.handle(), ctx.ip());
            renderAccount(ctx, HttpStatus.BAD_REQUEST, "The current password is wrong.", null);
            return;
        }
        if (!password.equals(ctx.formParam("password2"))) {
            renderAccount(ctx, HttpStatus.BAD_REQUEST, "The two new passwords differ; type the same one twice.", null);
            return;
        }
        if (password.equals(current)) {
            renderAccount(ctx, HttpStatus.BAD_REQUEST, "The new password is the current one; choose another.", null);
            return;
        }
        try {
            accounts.setPassword(viewer.accountId(), password, false);
        } catch (AccountException e) {
            renderAccount(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), null);
            return;
        }
        SignIn.rotate(ctx);
        renderAccount(ctx, HttpStatus.OK, null, "Your password is changed.");
    }

    private void renderLogin(Context ctx, HttpStatus status, String username, String next, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sign in");
        model.put("username", username);
        model.put("next", next);
        model.put("error", error);
        ctx.status(status).render("account/login", model);
    }

    private static void renderSignup(Context ctx, HttpStatus status, Map<String, Object> model, String error) {
        model.put("title", "Sign up");
        model.putIfAbsent("username", "");
        model.putIfAbsent("displayName", "");
        model.put("error", error);
        model.put("rule", PasswordRules.RULE);
        ctx.status(status).render("account/signup", model);
    }

    private void renderAccount(Context ctx, HttpStatus status, String error, String done) {
        Account account = accounts.find(Viewer.of(ctx).accountId()).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Your account");
        model.put("account", account);
        model.put("error", error);
        model.put("done", done);
        model.put("rule", PasswordRules.RULE);
        ctx.status(status).render("account/account", model);
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes <= 1 ? "a minute" : minutes + " minutes";
    }
}
