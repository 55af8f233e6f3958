package dev.serverlesslab.server.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Class mode's before-handler, in place of solo mode's: makes the signed-in account the {@link Viewer} of the request,
 * and stops anonymous requests for anything but the public pages before a handler runs: pages get a redirect to the
 * sign-in form (coming back afterwards), JSON gets 401 with an error, never data. An account with a one-time password
 * reaches only the password form until it has chosen its own.
 */
public final class ClassModeGate {

    /** Pages anyone may open: signing in and up. */
    private static final Set<String> PUBLIC = Set.of("/login", "/signup", "/logout");
    /**
     * The app's own stylesheets and scripts, webjars, the markdown assets and the course's public assets, which the
     * sign-in page needs too and which hold nothing of anyone's (Javalin runs this handler for static files as well).
     */
    private static final List<String> PUBLIC_PREFIXES = List.of("/static/", "/webjars/", "/markdown/", "/assets/");
    /** What an account with a one-time password may still open. */
    private static final Set<String> WHILE_MUST_CHANGE = Set.of("/account", "/logout");

    private final AccountStore accounts;

    public ClassModeGate(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** The before-handler. */
    public void check(Context ctx) {
        Optional<Account> account = SignIn.accountId(ctx).flatMap(accounts::find);
        String path = ctx.path();
        if (account.isPresent()) {
            Viewer.set(ctx, account.get().viewer());
            if (account.get().mustChangePassword() && !WHILE_MUST_CHANGE.contains(path) && !isPublic(path)) {
                refuse(ctx, HttpStatus.FORBIDDEN, "/account", "Choose your own password first, at /account.");
            }
            return;
        }
        if (SignIn.accountId(ctx).isPresent()) {
            // The account is gone: its session must not linger.
            SignIn.end(ctx);
        }
        if (!isPublic(path)) {
            String next = ctx.queryString() == null ? path : path + "?" + ctx.queryString();
            refuse(ctx, HttpStatus.UNAUTHORIZED, "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
                    "Sign in first: this needs an account.");
        }
    }

    private static void refuse(Context ctx, HttpStatus jsonStatus, String location, String message) {
        if (wantsJson(ctx)) {
            ctx.status(jsonStatus).json(Map.of("error", message));
        } else {
            ctx.redirect(location, HttpStatus.SEE_OTHER);
        }
        ctx.skipRemainingHandlers();
    }

    static boolean isPublic(String path) {
        return PUBLIC.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /** JSON endpoints ({@code *.json}) and clients that ask for JSON rather than a page. */
    static boolean wantsJson(Context ctx) {
        if (ctx.path().endsWith(".json")) {
            return true;
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    /**
     * A local path to go back to after signing in, or "/": never another site ({@code //evil}, {@code /\evil},
     * {@code https://...}), so the login form cannot be used as an open redirect.
     */
    public static String safeNext(String next) {
        if (next == null || next.isEmpty() || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return "/";
        }
        if (isPublic(next.contains("?") ? next.substring(0, next.indexOf('?')) : next)) {
            return "/";
        }
        return next;
    }
}
