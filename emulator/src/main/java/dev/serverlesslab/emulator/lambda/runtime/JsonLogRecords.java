package dev.serverlesslab.emulator.lambda.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudWatch Logs gets of one invocation under {@code LogFormat: JSON} (AWS Lambda Developer Guide, "Configuring
 * JSON and plain text log formats" and "Log-level filtering"): the platform's INIT_START, START and REPORT lines become
 * {@code platform.initStart}, {@code platform.start} and {@code platform.report} records (INFO, so dropped by
 * {@code SystemLogLevel WARN}); END has no JSON record. Application lines that are JSON objects with a {@code level}
 * (the Lambda logger's records, or the function's own JSON) are dropped below {@code ApplicationLogLevel}, an unknown
 * level counting as INFO; plain-text lines ({@code System.out}) are kept as written.
 *
 * <p>Platform lines are the emulator's own, so parsing their fixed format here is safe; the handler's output is
 * never read as a platform record.
 */
final class JsonLogRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern INIT_START =
            Pattern.compile("INIT_START Runtime Version: (\\S+)\tRuntime Version ARN: (\\S+)");
    private static final Pattern START = Pattern.compile("START RequestId: (\\S+) Version: (\\S+)");
    private static final Pattern REPORT = Pattern.compile("REPORT RequestId: (\\S+)\tDuration: ([0-9.]+) ms"
            + "\tBilled Duration: (\\d+) ms\tMemory Size: (\\d+) MB\tMax Memory Used: (\\d+) MB"
            + "(?:\tInit Duration: ([0-9.]+) ms)?");

    private JsonLogRecords() {
    }

    /**
     * The lines CloudWatch Logs shows for an invocation logged under {@code settings}; with the Text format, the lines
     * as they were written.
     *
     * @param status {@code success}, {@code error} or {@code timeout}, for the report record
     */
    static List<LogLine> render(List<LogLine> lines, LogSettings settings, FunctionSpec function, String status) {
        if (!settings.json()) {
            return lines;
        }
        List<LogLine> shown = new ArrayList<>(lines.size());
        for (LogLine line : lines) {
            if (!line.platform()) {
                if (settings.application(applicationLevel(line.text()))) {
                    shown.add(line);
                }
                continue;
            }
            String record = platformRecord(line, function, status);
            if (record == null) {
                // A timeout, exit or truncation notice: kept as written, whatever the system log level.
                shown.add(line);
            } else if (!record.isEmpty() && settings.system("INFO")) {
                shown.add(new LogLine(line.timestampMillis(), record, true));
            }
        }
        return List.copyOf(shown);
    }

    /** The JSON record of a platform line, "" for one without a record (END), or null for any other line. */
    private static String platformRecord(LogLine line, FunctionSpec function, String status) {
        String text = line.text();
        ObjectNode record = JSON.createObjectNode();
        String type;
        Matcher m;
        if ((m = INIT_START.matcher(text)).matches()) {
            type = "platform.initStart";
            record.put("initializationType", "on-demand");
            record.put("phase", "init");
            record.put("runtimeVersion", m.group(1));
            record.put("runtimeVersionArn", m.group(2));
            record.put("functionName", function.functionName());
            record.put("functionVersion", function.version());
        } else if ((m = START.matcher(text)).matches()) {
            type = "platform.start";
            record.put("requestId", m.group(1));
            record.put("version", m.group(2));
        } else if ((m = REPORT.matcher(text)).matches()) {
            type = "platform.report";
            record.put("requestId", m.group(1));
            ObjectNode metrics = record.putObject("metrics");
            metrics.put("durationMs", Double.parseDouble(m.group(2)));
            metrics.put("billedDurationMs", Long.parseLong(m.group(3)));
            metrics.put("memorySizeMB", Integer.parseInt(m.group(4)));
            metrics.put("maxMemoryUsedMB", Integer.parseInt(m.group(5)));
            if (m.group(6) != null) {
                metrics.put("initDurationMs", Double.parseDouble(m.group(6)));
            }
            record.put("status", status);
        } else if (text.startsWith("END RequestId: ")) {
            return "";
        } else {
            return null;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("time", TIME.format(Instant.ofEpochMilli(line.timestampMillis())));
        event.put("type", type);
        event.set("record", record);
        return event.toString();
    }

    /** The level of an application line that is a JSON object ({@code level}, INFO when unknown), else null. */
    static String applicationLevel(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return null;
        }
        try {
            JsonNode level = JSON.readTree(trimmed).path("level");
            String name = level.isTextual() ? level.asText().toUpperCase(Locale.ROOT) : "";
            if ("WARNING".equals(name)) {
                name = "WARN";
            }
            return LogSettings.APPLICATION_LEVELS.contains(name) ? name : "INFO";
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
