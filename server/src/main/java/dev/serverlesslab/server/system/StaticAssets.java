package dev.serverlesslab.server.system;

import dev.serverlesslab.lessons.markdown.MarkdownRenderer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's own stylesheets and scripts ({@code /static/…} from the class path, and the Markdown renderer's
 * {@code /markdown/style.css} and {@code script.js}) under versioned addresses, and the webjars, all served so a
 * browser fetches each once: pages name {@code /static/js/editor.js?v=<digest of the file>}, which is answered
 * with a year's {@code immutable} caching (a changed file gets a new digest, so a new release is fetched at once);
 * webjar addresses carry their version already. An address without the current digest is still served, but
 * revalidated on every use. Text assets are compressed (gzip) once and kept compressed in memory.
 */
public final class StaticAssets {

    /** A year, and {@code immutable}: not even a reload asks again (RFC 8246). */
    public static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    /** Addresses without the current digest: kept, but checked with the server (ETag) each time. */
    static final String REVALIDATE = "no-cache";
    /**
     * Each file is compressed once and kept so (mermaid.min.js, 3.1 MB, the largest, keeps 0.9 MB). Javalin answers
     * 404 for a file above this size in a precompressed mount, so it stays well above the largest one served.
     */
    private static final int PRECOMPRESS_MAX_BYTES = 8 * 1024 * 1024;
    private static final String STATIC = "/static/";
    private static final String MARKDOWN_STYLE = "/markdown/style.css";
    private static final String MARKDOWN_SCRIPT = "/markdown/script.js";

    /** The Markdown renderer's assets with their gzip and tags, made once ({@link KeptBody} answers with them). */
    private final Map<String, RenderedPage> generated = Map.of(
            MARKDOWN_STYLE, RenderedPage.of(MarkdownRenderer.stylesheet()),
            MARKDOWN_SCRIPT, RenderedPage.of(MarkdownRenderer.script()));
    private final Map<String, String> digests = new ConcurrentHashMap<>();

    /**
     * The address a page should use for one of the app's assets, e.g. {@code url("/static/js/editor.js")}.
     *
     * @throws IllegalArgumentException when there is no such asset, so a misspelt name fails the page's tests
     */
    public String url(String path) {
        String digest = digest(path).orElseThrow(() -> new IllegalArgumentException("no asset at " + path));
        return path + "?v=" + digest;
    }

    /** Serves {@code /static}, {@code /webjars} and (after {@link #declareRoutes}) the Markdown assets. */
    public void configure(JavalinConfig config) {
        // Two mounts of one folder: the first answers only the current versioned address, with a year's caching.
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/static";
            files.location = Location.CLASSPATH;
            files.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
            files.headers = Map.of(Header.CACHE_CONTROL, CACHE_FOREVER);
            files.skipFileFunction = request -> !isCurrent(request);
        });
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/static";
            files.location = Location.CLASSPATH;
            files.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
            files.headers = Map.of(Header.CACHE_CONTROL, REVALIDATE);
        });
        // What enableWebjars() does, plus immutable and precompression: the version is in every webjar address.
        config.staticFiles.add(files -> {
            files.hostedPath = "/webjars";
            files.directory = "META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
            files.headers = Map.of(Header.CACHE_CONTROL, CACHE_FOREVER);
        });
    }

    /** GET /markdown/style.css. */
    public void markdownStylesheet(Context ctx) {
        serveGenerated(ctx, MARKDOWN_STYLE, "text/css; charset=utf-8");
    }

    /** GET /markdown/script.js. */
    public void markdownScript(Context ctx) {
        serveGenerated(ctx, MARKDOWN_SCRIPT, "text/javascript; charset=utf-8");
    }

    private void serveGenerated(Context ctx, String path, String contentType) {
        String digest = digest(path).orElseThrow();
        KeptBody.answer(ctx, generated.get(path), digest.equals(ctx.queryParam("v")) ? CACHE_FOREVER : REVALIDATE,
                contentType);
    }

    private boolean isCurrent(HttpServletRequest request) {
        String version = request.getParameter("v");
        String path = request.getRequestURI();
        return version != null && digest(path).filter(version::equals).isPresent();
    }

    private Optional<String> digest(String path) {
        String known = digests.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        // Only assets that exist are remembered: requests for made-up names must not grow the map.
        Optional<String> digest = bytes(path).map(StaticAssets::sha256);
        digest.ifPresent(value -> digests.put(path, value));
        return digest;
    }

    private Optional<byte[]> bytes(String path) {
        if (generated.containsKey(path)) {
            return Optional.of(generated.get(path).html());
        }
        if (!path.startsWith(STATIC) || path.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 16 hex digits of the SHA-256: enough to tell versions of one file apart. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
