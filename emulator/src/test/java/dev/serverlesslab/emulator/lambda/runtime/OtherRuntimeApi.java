package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real Runtime API server standing for another execution environment's, recording every call that reaches it. */
public final class OtherRuntimeApi implements AutoCloseable {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final RuntimeApiServer server;

    private OtherRuntimeApi() throws IOException {
        server = RuntimeApiServer.start(new RuntimeApiServer.Listener() {
            @Override
            public Invocation nextInvocation() {
                calls.add("next");
                return null;
            }

            @Override
            public RuntimeApiServer.Verdict onResponse(String requestId, byte[] payload) {
                calls.add("response " + requestId);
                return RuntimeApiServer.Verdict.ACCEPTED;
            }

            @Override
            public RuntimeApiServer.Verdict onError(String requestId, String errorType, byte[] payload) {
                calls.add("error " + requestId);
                return RuntimeApiServer.Verdict.ACCEPTED;
            }

            @Override
            public void onInitError(String errorType, byte[] payload) {
                calls.add("init error");
            }
        }, threads, "another-environments-secret");
    }

    public static OtherRuntimeApi start() throws IOException {
        return new OtherRuntimeApi();
    }

    /** Its host:port on the host's loopback, as that environment's {@code AWS_LAMBDA_RUNTIME_API} would be unconfined. */
    public String hostPort() {
        return server.hostPort();
    }

    /** The Runtime API calls that got through to the environment. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.close();
        threads.shutdownNow();
    }
}
