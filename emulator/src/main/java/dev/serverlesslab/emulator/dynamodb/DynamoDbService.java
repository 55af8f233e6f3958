package dev.serverlesslab.emulator.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Protocol;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB (and DynamoDB Streams) served by AWS's own DynamoDB Local: a child JVM started on the first request and
 * reached through the emulator's endpoint, each request forwarded with the caller's account as its access key.
 *
 * <p>DynamoDB Local keeps one database per access key id and region (it runs without {@code -sharedDb}), so each
 * account and region sees its own tables, as on AWS.
 */
public final class DynamoDbService implements AwsService {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbService.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Supplier<DynamoDbLocalClasspath> classpath;
    private final Path java;
    private final Path workDir;
    private final DynamoDbForwarder forwarder;
    private final TableTags tags = new TableTags();
    private final Object startLock = new Object();
    private volatile DynamoDbLocalProcess child;
    private volatile boolean ready;
    private volatile boolean closed;

    /**
     * @param workDir where the child's own directory is made (and deleted on close)
     */
    public DynamoDbService(Path workDir) {
        this(() -> DynamoDbLocalClasspath.load(DynamoDbService.class.getClassLoader()),
                DynamoDbLocalCommand.currentJava(), workDir);
    }

    DynamoDbService(Supplier<DynamoDbLocalClasspath> classpath, Path java, Path workDir) {
        this.classpath = classpath;
        this.java = java;
        this.workDir = workDir;
        this.forwarder = new DynamoDbForwarder(DynamoDbForwarder.newClient());
    }

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_0;
    }

    /** DynamoDB Streams signs as {@code dynamodb} too, and DynamoDB Local serves it on the same port. */
    @Override
    public List<String> targetPrefixes() {
        return List.of("DynamoDB_20120810", "DynamoDBStreams_20120810");
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        DynamoDbLocalProcess running = started();
        if (TableTags.handles(request.header("X-Amz-Target"))) {
            return tags.handle(request, table -> describes(running, request, table));
        }
        AwsResponse response;
        try {
            response = forwarder.forward(running.endpoint(), request);
        } catch (IOException e) {
            throw lost(running, e);
        }
        if (response.status() == 400 && new String(response.body(), StandardCharsets.UTF_8)
                .contains("#UnknownOperationException\"")) {
            // DynamoDB Local's own answer does not say which operation it means.
            throw new AwsException("UnknownOperationException", "Serverless Lab's emulator (DynamoDB Local "
                    + "behind it) does not implement X-Amz-Target " + request.header("X-Amz-Target")
                    + "; it serves the DynamoDB_20120810 and DynamoDBStreams_20120810 operations", 400);
        }
        if (response.status() == 200 && "DynamoDB_20120810.DeleteTable".equals(request.header("X-Amz-Target"))) {
            try {
                tags.forget(request.scope(), new ObjectMapper().readTree(request.body())
                        .path("TableName").asText());
            } catch (IOException e) {
                // DynamoDB Local read the body, so it is JSON; nothing to forget otherwise.
            }
        }
        return response;
    }

    /** Whether DynamoDB Local has this table for the request's account, asked with the caller's own headers. */
    private boolean describes(DynamoDbLocalProcess running, AwsRequest request, String table) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("X-Amz-Target", List.of("DynamoDB_20120810.DescribeTable"));
        try {
            byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("TableName", table));
            AwsRequest describe = new AwsRequest(request.requestId(), "POST", "/", null, headers, body,
                    request.scope(), request.peer());
            return forwarder.forward(running.endpoint(), describe).status() == 200;
        } catch (IOException e) {
            throw lost(running, e);
        }
    }

    /** {@code running} once DynamoDB Local has answered; {@code available} before the first DynamoDB request. */
    @Override
    public boolean running() {
        DynamoDbLocalProcess current = child;
        return ready && current != null && current.alive();
    }

    /**
     * Starts DynamoDB Local on a daemon thread now, so the first request does not wait for it: for an emulator whose
     * users are known to need DynamoDB. A request arriving meanwhile waits for this same start; a start that fails
     * here is tried again by the first request, which then reports the error.
     */
    public void startInBackground() {
        Thread starter = new Thread(() -> {
            try {
                started();
            } catch (AwsException e) {
                LOG.warn("DynamoDB Local did not start ahead of use: {}", e.getMessage());
            }
        }, "dynamodb-local-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** The child's process id, for tests that check it is gone after {@link #close()}. */
    long childPid() {
        DynamoDbLocalProcess current = child;
        return current == null ? -1 : current.pid();
    }

    /** Kills DynamoDB Local (also one still starting) and deletes its directory; its tables are gone. */
    @Override
    public void close() {
        closed = true;
        DynamoDbLocalProcess current = child;
        if (current != null) {
            current.close();
        }
        synchronized (startLock) {
            if (child != null) {
                child.close();
                child = null;
            }
            ready = false;
        }
        try {
            forwarder.close();
        } catch (IOException e) {
            // Its connections went to a child that is gone: nothing is left to close cleanly.
        }
    }

    /** The running child, starting it first if needed; concurrent first requests wait for the one start. */
    private DynamoDbLocalProcess started() {
        DynamoDbLocalProcess current = child;
        if (ready && current != null && current.alive()) {
            return current;
        }
        synchronized (startLock) {
            if (closed) {
                throw new AwsException("InternalServerError",
                        "The emulator is shutting down, so DynamoDB Local is stopped; start a new emulator", 500);
            }
            if (ready && child != null && child.alive()) {
                return child;
            }
            if (child != null) {
                // It died since the last request (killed from outside, or out of memory): its tables are lost.
                LOG.warn("DynamoDB Local (pid {}) exited with code {}; starting a new one without the old tables", child.pid(),
                        child.exitCode());
                child.close();
                child = null;
                ready = false;
            }
            return start();
        }
    }

    private DynamoDbLocalProcess start() {
        long began = System.nanoTime();
        try {
            DynamoDbLocalClasspath jars = classpath.get().requireJarsPresent();
            child = DynamoDbLocalProcess.launch(java, jars, workDir);
            // Asked with a client of its own, made only when DynamoDB Local starts: an emulator whose users never
            // touch DynamoDB starts no client thread for it.
            child.awaitReady(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build(), READY_TIMEOUT);
        } catch (DynamoDbLocalException e) {
            if (child != null) {
                child.close();
                child = null;
            }
            throw new AwsException("InternalServerError", "Serverless Lab's emulator could not start DynamoDB Local: "
                    + e.getMessage(), 500);
        }
        if (closed) {
            child.close();
            throw new AwsException("InternalServerError",
                    "The emulator is shutting down, so DynamoDB Local is stopped; start a new emulator", 500);
        }
        ready = true;
        LOG.info("DynamoDB Local ready on port {} in {} ms", child.port(),
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        return child;
    }

    private AwsException lost(DynamoDbLocalProcess running, IOException cause) {
        String state = running.alive()
                ? "is running but did not answer (" + cause + ")"
                : "exited with code " + running.exitCode() + "; its output ends with:\n" + running.outputTail()
                        + "\nThe next request starts a new DynamoDB Local, without the old tables";
        return new AwsException("InternalServerError", "DynamoDB Local (pid " + running.pid() + ") " + state, 500);
    }
}
