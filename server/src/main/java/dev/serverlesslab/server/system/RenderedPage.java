package dev.serverlesslab.server.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A page as it goes on the wire, made once when it is rendered so that sending it again costs no encoding, hashing or
 * compressing: its UTF-8 bytes, the same gzip-compressed (for clients that accept gzip), and an entity tag for each.
 * The tags differ because the bytes differ (RFC 9110 8.8.3: a tag names one representation).
 *
 * @param html     the page in UTF-8
 * @param gzip     {@code html} gzip-compressed
 * @param tag      the quoted entity tag of {@code html}: the first 128 bits of its SHA-256, in hex
 * @param gzipTag  the quoted entity tag of {@code gzip}
 */
public record RenderedPage(byte[] html, byte[] gzip, String tag, String gzipTag) {

    /** Encodes, tags and compresses a rendered page. */
    public static RenderedPage of(String page) {
        byte[] html = page.getBytes(StandardCharsets.UTF_8);
        String tag = tag(html);
        return new RenderedPage(html, gzip(html), tag, tag.substring(0, tag.length() - 1) + "-gzip\"");
    }

    /** The quoted entity tag of these bytes. */
    public static String tag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
