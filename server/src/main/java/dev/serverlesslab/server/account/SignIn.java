package dev.serverlesslab.server.account;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;

/**
 * Who is signed in, kept in Jetty's server-side session (Jetty makes the ids and the cookie; nothing here does): the
 * session holds only the account id, and the account is looked up again on every request ({@link AccountStore#find},
 * from memory that a password reset refreshes), so a reset takes effect at once.
 */
public final class SignIn {

    /** Server-side expiry: a session unused this long is gone, whatever the browser keeps. */
    public static final Duration MAX_INACTIVE = Duration.ofHours(8);
    public static final String COOKIE = "lab_session";
    static final String ACCOUNT_ID = "serverlesslab.accountId";

    private SignIn() {
    }

    /**
     * The session handler the app installs in Jetty: cookie only (never an id in a URL), HttpOnly, SameSite=Lax (a
     * link from elsewhere keeps one signed in; a form posted from elsewhere carries no cookie), and Secure whenever the
     * request came over HTTPS (Jetty's secure-request-only rule; behind a proxy, see the serve option --behind-proxy).
     */
    public static SessionHandler sessionHandler() {
        SessionHandler handler = new SessionHandler();
        handler.setSessionCookie(COOKIE);
        handler.setHttpOnly(true);
        handler.setSameSite(HttpCookie.SameSite.LAX);
        handler.setSecureRequestOnly(true);
        handler.setMaxInactiveInterval((int) MAX_INACTIVE.toSeconds());
        handler.setUsingUriParameters(false);
        return handler;
    }

    /** Signs {@code account} in on this request: a session with a new id (never one the browser brought along). */
    public static void start(Context ctx, Account account) {
        HttpServletRequest request = ctx.req();
        HttpSession session = request.getSession(true);
        // Rotate even a session made just now: an id set in the browser before sign-in must not survive it.
        request.changeSessionId();
        session.setAttribute(ACCOUNT_ID, account.id());
    }

    /** Gives the signed-in session a new id, e.g. after a password change. */
    public static void rotate(Context ctx) {
        if (ctx.req().getSession(false) != null) {
            ctx.req().changeSessionId();
        }
    }

    /** Ends the session on the server, so its cookie no longer signs anyone in. */
    public static void end(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // expired in between: already ended
            }
        }
    }

    /** The account id this request's session is signed in as, if any. */
    public static Optional<Long> accountId(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((Long) session.getAttribute(ACCOUNT_ID));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }
}
