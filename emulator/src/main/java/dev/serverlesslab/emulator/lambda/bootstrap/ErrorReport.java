package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An error as the Java runtime reports it: the JSON body posted to the Runtime API and the text written to the log.
 */
record ErrorReport(String errorType, String errorMessage, byte[] json, String logText) {

    private static final String OWN_PACKAGE = ErrorReport.class.getPackageName() + ".";

    /** Reports an exception thrown by the handler, its stack trace cut where our runtime code begins. */
    static ErrorReport of(Throwable error) {
        Throwable trimmed = trim(error, Collections.newSetFromMap(new IdentityHashMap<>()));
        String message = messageOf(trimmed);
        String type = trimmed.getClass().getName();
        return new ErrorReport(type, message, json(trimmed, message).getBytes(StandardCharsets.UTF_8),
                message + ": " + type + "\n" + stackTraceText(trimmed));
    }

    /** Reports a failure to load the handler during init. */
    static ErrorReport ofInit(HandlerLoadException failure) {
        Throwable cause = failure.getCause();
        if (cause != null) {
            trim(cause, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        StringBuilder json = new StringBuilder("{\"errorMessage\":").append(JsonText.quote(failure.getMessage()));
        if (failure.errorType() != null) {
            json.append(",\"errorType\":").append(JsonText.quote(failure.errorType()));
        }
        if (cause != null) {
            json.append(",\"stackTrace\":").append(stackArray(cause));
            if (cause.getCause() != null) {
                json.append(",\"cause\":").append(json(cause.getCause(), messageOf(cause.getCause())));
            }
        }
        json.append('}');
        String log = failure.getMessage() + (failure.errorType() == null ? "" : ": " + failure.errorType()) + "\n"
                + (cause == null ? "" : stackTraceText(cause));
        return new ErrorReport(failure.errorType(), failure.getMessage(),
                json.toString().getBytes(StandardCharsets.UTF_8), log);
    }

    private static String json(Throwable error, String message) {
        StringBuilder json = new StringBuilder("{\"errorMessage\":").append(JsonText.quote(message))
                .append(",\"errorType\":").append(JsonText.quote(error.getClass().getName()))
                .append(",\"stackTrace\":").append(stackArray(error));
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            json.append(",\"cause\":").append(json(cause, messageOf(cause)));
        }
        return json.append('}').toString();
    }

    private static String stackArray(Throwable error) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : error.getStackTrace()) {
            frames.add(JsonText.quote(frame.toString()));
        }
        return "[" + String.join(",", frames) + "]";
    }

    private static String messageOf(Throwable error) {
        String message = error.getLocalizedMessage();
        return message == null ? error.getClass().getName() : message;
    }

    private static String stackTraceText(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /**
     * Cuts each stack trace at the first frame of this runtime, and the reflection frames that led there, so students
     * see their own code only (as Lambda's runtime does).
     */
    private static Throwable trim(Throwable error, Set<Throwable> seen) {
        if (!seen.add(error)) {
            return error;
        }
        StackTraceElement[] frames = error.getStackTrace();
        int end = frames.length;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(OWN_PACKAGE)) {
                end = i;
                break;
            }
        }
        if (end < frames.length) {
            while (end > 0 && isReflection(frames[end - 1].getClassName())) {
                end--;
            }
            error.setStackTrace(Arrays.copyOf(frames, end));
        }
        if (error.getCause() != null) {
            trim(error.getCause(), seen);
        }
        for (Throwable suppressed : error.getSuppressed()) {
            trim(suppressed, seen);
        }
        return error;
    }

    private static boolean isReflection(String className) {
        return className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.reflect.");
    }
}
