package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the emulator hands an environment's bootstrap on stdin, which it writes and then closes: the secrets, kept out
 * of argv and the environment because handler code can read both back (from {@code /proc/self/cmdline} and
 * {@code /proc/self/environ}), and where the relays of a sandboxed environment lead.
 *
 * <p>The text is {@code name=value} lines, read up to a line {@code end} (or the end of stdin) before anything else
 * runs. A pre-warmed environment ({@link #functionLater()}) is started before its function is known: the emulator
 * keeps its stdin open and, when an invoke needs it, writes the function's environment variables
 * ({@link #encodeEnvironment(Map)}), then closes it.
 *
 * @param token marks the bootstrap's own START/END lines in stdout, so handler output cannot fake them
 * @param runtimeSecret sent with every Runtime API request; the emulator refuses requests without it
 * @param runtimeSocket the Unix socket leading to this environment's Runtime API; null when it is reached over TCP
 * @param runtimePort the loopback port relayed to {@code runtimeSocket} ({@code AWS_LAMBDA_RUNTIME_API})
 * @param awsSocket the Unix socket leading to the emulator's AWS endpoint; null when it is reached over TCP
 * @param awsPort the loopback port relayed to {@code awsSocket} ({@code AWS_ENDPOINT_URL})
 * @param functionLater the function's environment variables follow on stdin once the emulator hands this environment
 *     to a function; until then the bootstrap loads nothing of a function
 */
public record LaunchParameters(String token, String runtimeSecret, String runtimeSocket, int runtimePort,
        String awsSocket, int awsPort, boolean functionLater) {

    /** The request header carrying {@link #runtimeSecret()} to the Runtime API. */
    public static final String SECRET_HEADER = "Serverlesslab-Runtime-Secret";
    /** More than the parameters ever need; a cap so a stray writer cannot make the bootstrap read forever. */
    private static final int MAX_BYTES = 8 * 1024;
    /** Lambda allows 4 KB of variables; names and values travel base64-encoded, so this is ample. */
    private static final int MAX_ENVIRONMENT_BYTES = 256 * 1024;
    private static final String END = "end";

    /** Parameters of an environment that reaches the emulator over TCP, with no relays. */
    public static LaunchParameters direct(String token, String runtimeSecret) {
        return new LaunchParameters(token, runtimeSecret, null, 0, null, 0, false);
    }

    /** The same parameters for an environment whose function is handed over later, on stdin. */
    public LaunchParameters withFunctionLater() {
        return new LaunchParameters(token, runtimeSecret, runtimeSocket, runtimePort, awsSocket, awsPort, true);
    }

    /** The same secrets, with the Runtime API and the AWS endpoint reached through Unix sockets. */
    public LaunchParameters relayed(String runtimeSocket, int runtimePort, String awsSocket, int awsPort) {
        return new LaunchParameters(token, runtimeSecret, runtimeSocket, runtimePort, awsSocket, awsPort,
                functionLater);
    }

    /** True when the bootstrap must relay loopback ports to Unix sockets (a sandbox with its own network). */
    public boolean relays() {
        return runtimeSocket != null;
    }

    /** The text written to the environment's stdin. */
    public byte[] encode() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("token", token);
        lines.put("runtime-secret", runtimeSecret);
        if (relays()) {
            lines.put("runtime-socket", runtimeSocket);
            lines.put("runtime-port", Integer.toString(runtimePort));
            lines.put("aws-socket", awsSocket);
            lines.put("aws-port", Integer.toString(awsPort));
        }
        if (functionLater) {
            lines.put("function", "later");
        }
        StringBuilder text = new StringBuilder();
        lines.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        text.append(END).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The second message to a pre-warmed environment: every variable its JVM would have been started with, had the
     * function been known (lines of base64 name {@code :} base64 value, so any text survives).
     */
    public static byte[] encodeEnvironment(Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        Base64.Encoder base64 = Base64.getEncoder();
        environment.forEach((name, value) -> text.append(base64.encodeToString(name.getBytes(StandardCharsets.UTF_8)))
                .append(':').append(base64.encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n'));
        text.append(END).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads {@link #encodeEnvironment(Map)}'s message; empty when stdin ended first (the emulator stopped without
     * handing this environment a function).
     */
    static Optional<Map<String, String>> readEnvironment(InputStream in) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        Base64.Decoder base64 = Base64.getDecoder();
        int total = 0;
        for (String line = readLine(in); line != null; line = readLine(in)) {
            if (line.equals(END)) {
                return Optional.of(environment);
            }
            total += line.length();
            int colon = line.indexOf(':');
            if (total > MAX_ENVIRONMENT_BYTES || colon <= 0) {
                throw new IOException("malformed environment from the emulator");
            }
            environment.put(new String(base64.decode(line.substring(0, colon)), StandardCharsets.UTF_8),
                    new String(base64.decode(line.substring(colon + 1)), StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    /** Reads the parameters up to a line {@code end} or the end of {@code in}; missing ones are empty. */
    static LaunchParameters read(InputStream in) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(in); line != null && !line.equals(END); line = readLine(in)) {
            total += line.length() + 1;
            if (total > MAX_BYTES) {
                break;
            }
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new LaunchParameters(values.getOrDefault("token", ""), values.getOrDefault("runtime-secret", ""),
                values.get("runtime-socket"), port(values.get("runtime-port")), values.get("aws-socket"),
                port(values.get("aws-port")), "later".equals(values.get("function")));
    }

    /**
     * One line, read byte by byte: nothing past it may be consumed, since a pre-warmed environment's second message
     * follows on the same stream. Null at the end of the stream.
     */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
            if (line.size() > MAX_ENVIRONMENT_BYTES) {
                throw new IOException("line too long from the emulator");
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private static int port(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        // Never the secrets: a record's default toString would print them into any log that shows this object.
        return "LaunchParameters[runtimeSocket=" + runtimeSocket + ", runtimePort=" + runtimePort + ", awsSocket="
                + awsSocket + ", awsPort=" + awsPort + ", functionLater=" + functionLater + "]";
    }
}
