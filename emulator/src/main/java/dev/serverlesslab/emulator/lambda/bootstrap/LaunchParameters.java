package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the emulator hands an environment's bootstrap on stdin, which it writes and then closes: the secrets, kept out
 * of argv and the environment because handler code can read both back (from {@code /proc/self/cmdline} and
 * {@code /proc/self/environ}), and where the relays of a sandboxed environment lead.
 *
 * <p>The text is {@code name=value} lines, read to the end before anything else runs.
 *
 * @param token marks the bootstrap's own START/END lines in stdout, so handler output cannot fake them
 * @param runtimeSecret sent with every Runtime API request; the emulator refuses requests without it
 * @param runtimeSocket the Unix socket leading to this environment's Runtime API; null when it is reached over TCP
 * @param runtimePort the loopback port relayed to {@code runtimeSocket} ({@code AWS_LAMBDA_RUNTIME_API})
 * @param awsSocket the Unix socket leading to the emulator's AWS endpoint; null when it is reached over TCP
 * @param awsPort the loopback port relayed to {@code awsSocket} ({@code AWS_ENDPOINT_URL})
 */
public record LaunchParameters(String token, String runtimeSecret, String runtimeSocket, int runtimePort,
        String awsSocket, int awsPort) {

    /** The request header carrying {@link #runtimeSecret()} to the Runtime API. */
    public static final String SECRET_HEADER = "Serverlesslab-Runtime-Secret";
    /** More than the parameters ever need; a cap so a stray writer cannot make the bootstrap read forever. */
    private static final int MAX_BYTES = 8 * 1024;

    /** Parameters of an environment that reaches the emulator over TCP, with no relays. */
    public static LaunchParameters direct(String token, String runtimeSecret) {
        return new LaunchParameters(token, runtimeSecret, null, 0, null, 0);
    }

    /** The same secrets, with the Runtime API and the AWS endpoint reached through Unix sockets. */
    public LaunchParameters relayed(String runtimeSocket, int runtimePort, String awsSocket, int awsPort) {
        return new LaunchParameters(token, runtimeSecret, runtimeSocket, runtimePort, awsSocket, awsPort);
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
        StringBuilder text = new StringBuilder();
        lines.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the parameters up to the end of {@code in}; missing ones are empty, so a bare start still runs. */
    static LaunchParameters read(InputStream in) throws IOException {
        String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new LaunchParameters(values.getOrDefault("token", ""), values.getOrDefault("runtime-secret", ""),
                values.get("runtime-socket"), port(values.get("runtime-port")), values.get("aws-socket"),
                port(values.get("aws-port")));
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
                + awsSocket + ", awsPort=" + awsPort + "]";
    }
}
