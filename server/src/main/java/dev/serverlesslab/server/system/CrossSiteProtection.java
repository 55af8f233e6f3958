package dev.serverlesslab.server.system;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests another web site makes the learner's browser send: state-changing requests that are not
 * same-origin (cross-site request forgery, i.e. drive-by code execution on a server that runs code), and, while the
 * app listens on loopback only, any page or JSON request naming a host other than this machine (DNS rebinding).
 *
 * <p>The origin check is the one Go's {@code net/http.CrossOriginProtection} and Rails/Django use: browsers send
 * {@code Sec-Fetch-Site} (and {@code Origin} on every POST) and a page cannot forge either; a request with neither
 * comes from a client that is not a browser (curl, a script), which another site cannot drive. No token is needed,
 * so the plain HTML form keeps working without JavaScript.
 */
public final class CrossSiteProtection {

    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;

    /** @param loopbackOnly true when the app listens on a loopback address, so only loopback host names are real */
    public CrossSiteProtection(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    /** A before-handler: throws 403 with a message for people when the request must not be served. */
    public void check(Context ctx) {
        if (loopbackOnly && !isLoopbackHost(ctx.header("Host"))) {
            // A rebound DNS name reaches 127.0.0.1 with the attacker's name in Host: the browser treats its pages as
            // same-origin with ours, so only the Host header tells them apart.
            throw new ForbiddenResponse("This server only answers to localhost, 127.0.0.1 or [::1]. Open it at "
                    + "http://localhost:" + ctx.port() + "/ (to reach it under another name, start it with --host).");
        }
        if (SAFE.contains(ctx.method())) {
            return;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null) {
            if (fetchSite.equals("same-origin") || fetchSite.equals("none")) {
                return;
            }
            throw crossSite();
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        if (!sameOrigin(origin, ctx.header("Host"))) {
            throw crossSite();
        }
    }

    private static ForbiddenResponse crossSite() {
        return new ForbiddenResponse("This request came from another web site, so it was refused: only pages of "
                + "Serverless Lab itself can submit code here. Submit from the exercise page in this browser tab.");
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host)
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            // "null" (sandboxed frames, file: pages) and anything unparsable are not this server.
            return false;
        }
    }

    private static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int portStart = name.lastIndexOf(':');
        if (portStart > name.lastIndexOf(']')) {
            name = name.substring(0, portStart);
        }
        return LOOPBACK_NAMES.contains(name);
    }
}
