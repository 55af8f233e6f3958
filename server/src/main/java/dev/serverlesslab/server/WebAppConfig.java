package dev.serverlesslab.server;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.submission.GradingWorkers;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the web app needs to start: where the course lives, where submissions are kept, where to listen, and the
 * backend gradings deploy to (owned by the caller, who closes it after the app).
 *
 * @param port the TCP port, or 0 for any free one (see {@link WebApp#port()})
 * @param workers how many submissions this process grades at once, 0 to {@link GradingWorkers#MAX}; 0 only with a
 *                PostgreSQL database, where {@code lab worker} processes grade instead
 * @param databaseUrl a JDBC URL such as {@code jdbc:postgresql://...}, or null for the embedded database under
 *                    {@code dataDir}
 * @param classMode accounts, sign-in and staff pages ({@code serve --class}); false for solo mode, one learner, no login
 * @param behindProxy trust {@code X-Forwarded-*} headers from a reverse proxy (client address, HTTPS for the session
 *                    cookie's Secure flag); only when a proxy in front sets them, since clients could forge them
 * @param watch live reload ({@code serve --watch}): reload the content when its files change, and open pages with it
 * @param courseCache where the start keeps the rendered course for the next one ({@code lab serve}: {@code .lab/}),
 *                    or null to render every lesson at every start; reloads always render
 */
public record WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend, int workers,
        String databaseUrl, boolean classMode, boolean behindProxy, boolean watch, Path courseCache) {

    /** A config whose start renders the course. */
    public WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend, int workers,
            String databaseUrl, boolean classMode, boolean behindProxy, boolean watch) {
        this(contentDir, dataDir, host, port, backend, workers, databaseUrl, classMode, behindProxy, watch, null);
    }

    /** A config without live reload. */
    public WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend, int workers,
            String databaseUrl, boolean classMode, boolean behindProxy) {
        this(contentDir, dataDir, host, port, backend, workers, databaseUrl, classMode, behindProxy, false);
    }

    /** A solo-mode config with {@code workers} grading workers and the database at {@code databaseUrl} (or embedded). */
    public WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend, int workers,
            String databaseUrl) {
        this(contentDir, dataDir, host, port, backend, workers, databaseUrl, false, false);
    }

    /** A config with the default number of grading workers and the embedded database under {@code dataDir}. */
    public WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend) {
        this(contentDir, dataDir, host, port, backend, GradingWorkers.defaultCount(), null);
    }

    /** A config with {@code workers} grading workers and the embedded database under {@code dataDir}. */
    public WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend, int workers) {
        this(contentDir, dataDir, host, port, backend, workers, null);
    }

    /** A config with the default number of grading workers and the database at {@code databaseUrl}. */
    public WebAppConfig(Path contentDir, Path dataDir, String host, int port, Backend backend, String databaseUrl) {
        this(contentDir, dataDir, host, port, backend, GradingWorkers.defaultCount(), databaseUrl);
    }

    /** This config in class mode (accounts and sign-in), behind a reverse proxy or not. */
    public WebAppConfig inClassMode(boolean behindAProxy) {
        return new WebAppConfig(contentDir, dataDir, host, port, backend, workers, databaseUrl, true, behindAProxy,
                watch, courseCache);
    }

    /** This config with live reload on or off. */
    public WebAppConfig watching(boolean on) {
        return new WebAppConfig(contentDir, dataDir, host, port, backend, workers, databaseUrl, classMode,
                behindProxy, on, courseCache);
    }

    /** This config with the rendered course kept in {@code dir} between starts (see {@code CourseCache}). */
    public WebAppConfig cachingCourseIn(Path dir) {
        return new WebAppConfig(contentDir, dataDir, host, port, backend, workers, databaseUrl, classMode,
                behindProxy, watch, dir);
    }

    public WebAppConfig {
        Objects.requireNonNull(contentDir, "contentDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backend, "backend");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (workers < 0 || workers > GradingWorkers.MAX) {
            throw new IllegalArgumentException("workers must be between 0 and " + GradingWorkers.MAX + ", got " + workers);
        }
        if (workers == 0 && (databaseUrl == null || !databaseUrl.toLowerCase(java.util.Locale.ROOT)
                .startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("0 grading workers means other processes grade ('lab worker'), and "
                    + "they can only share a PostgreSQL database: give --database jdbc:postgresql://..., or at least "
                    + "one worker");
        }
    }
}
