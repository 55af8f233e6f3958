package dev.serverlesslab.server.submission;

import dev.serverlesslab.exercises.submission.SubmissionException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the editor's form strictly: URL-encoded UTF-8 only (what the browser form sends), a bounded number of
 * fields, and file names a file system can hold; everything else is a 4xx that says what to send instead.
 */
public final class SubmissionForm {

    /** Form fields named {@code file:<path>} carry one source file each. */
    static final String FILE_FIELD = "file:";
    /** Above the exercises module's 200-file limit, so that limit's own message is what a learner normally sees. */
    static final int MAX_FIELDS = 250;
    /** Common file systems hold 255 bytes per name; Java class names never need more than this. */
    static final int MAX_NAME_PART = 120;
    static final int MAX_PATH = 400;

    private SubmissionForm() {
    }

    /** The files in the request's form, path to text, with browser CRLF line breaks made LF. */
    public static Map<String, String> files(Context ctx) {
        checkContentType(ctx.header("Content-Type"));
        checkUtf8(ctx.bodyAsBytes());
        Map<String, List<String>> fields;
        try {
            fields = ctx.formParamMap();
        } catch (HttpResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            // Jetty refuses broken encodings and limits with an exception Javalin would turn into a 500.
            throw new BadRequestResponse("The form could not be read (" + reason(e) + "). Submit the editor on the "
                    + "exercise page; it sends each file as a URL-encoded UTF-8 field named file:<path>.");
        }
        if (fields.size() > MAX_FIELDS) {
            throw new SubmissionException("The form has " + fields.size() + " fields, more than the " + MAX_FIELDS
                    + " allowed: send only your source files, one field named file:<path> each.");
        }
        Map<String, String> files = new TreeMap<>();
        fields.forEach((field, values) -> {
            if (field.startsWith(FILE_FIELD) && !values.isEmpty()) {
                String path = field.substring(FILE_FIELD.length());
                checkPathLength(path);
                // Browsers send textarea line breaks as CRLF; javac and line numbers want the files as written.
                files.put(path, values.get(0).replace("\r\n", "\n"));
            }
        });
        if (files.isEmpty()) {
            throw new SubmissionException("The form sent no source files. Submit the editor on the exercise page; "
                    + "each file travels in a field named file:<path>.");
        }
        return files;
    }

    private static void checkContentType(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "Submissions are sent as the editor's form does: Content-Type application/x-www-form-urlencoded "
                            + "in UTF-8, one field named file:<path> per source file.");
        }
        int charset = type.indexOf("charset=");
        if (charset >= 0) {
            String name = type.substring(charset + "charset=".length()).split(";")[0].trim().replace("\"", "");
            if (!name.equals("utf-8") && !name.equals("utf8")) {
                throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                        "Submissions must be sent in UTF-8; this request named another character set. "
                                + "Send the form as UTF-8 (" + StandardCharsets.UTF_8.name() + ").");
            }
        }
    }

    /**
     * Refuses a body whose percent-decoded bytes are not UTF-8. Javalin decodes forms with the JDK's URLDecoder,
     * which silently turns broken bytes into U+FFFD, and the learner would then be graded on code they never wrote.
     * Decoding the whole body at once is enough: the separators are ASCII, so they end any multi-byte sequence.
     */
    private static void checkUtf8(byte[] body) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
        for (int i = 0; i < body.length; i++) {
            int hi = i + 2 < body.length ? Character.digit(body[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(body[i + 2], 16) : -1;
            if (body[i] == '%' && lo >= 0) {
                decoded.write(hi * 16 + lo);
                i += 2;
            } else {
                decoded.write(body[i]);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded.toByteArray()));
        } catch (CharacterCodingException e) {
            throw new SubmissionException("The form holds bytes that are not UTF-8 text. Save your files as UTF-8 "
                    + "and submit them from the editor on the exercise page.");
        }
    }

    private static void checkPathLength(String path) {
        if (path.length() > MAX_PATH) {
            throw new SubmissionException("A file name is " + path.length() + " characters long, more than the "
                    + MAX_PATH + " allowed: use the package folders and class name the exercise expects, "
                    + "e.g. example/Hello.java.");
        }
        for (String part : path.split("/")) {
            if (part.length() > MAX_NAME_PART) {
                throw new SubmissionException("The file name " + abbreviate(path) + " has a part of " + part.length()
                        + " characters, more than the " + MAX_NAME_PART + " allowed: shorten that class or folder name.");
            }
        }
    }

    private static String abbreviate(String path) {
        return path.length() <= 60 ? path : path.substring(0, 30) + "…" + path.substring(path.length() - 20);
    }

    private static String reason(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "the body is malformed" : message;
    }
}
