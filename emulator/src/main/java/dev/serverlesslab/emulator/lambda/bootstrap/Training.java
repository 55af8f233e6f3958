package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run through the code paths every execution environment takes (loading handlers of each form, JSON in and out,
 * error reports, the Runtime API client), made once with {@code -XX:ArchiveClassesAtExit} so the emulator can start
 * every later environment from a class-data sharing archive: cold starts about twice as fast.
 */
final class Training {

    private static final byte[] ORDER = "{\"id\":\"o-1\",\"quantity\":2,\"tags\":[\"a\"]}"
            .getBytes(StandardCharsets.UTF_8);

    private Training() {
    }

    static void run() throws Throwable {
        warmUp();
        talkToARuntimeApi();
    }

    /**
     * The handler part of the training, with its output discarded: what a pre-warmed environment runs while it waits
     * for its function, touching no file and no socket.
     */
    static void warmUp() throws Throwable {
        ClassLoader loader = Training.class.getClassLoader();
        TaskClassLoader.create(System.getProperty("java.io.tmpdir")).close();
        Context context = new RuntimeContext(
                new FunctionSettings("training", "$LATEST", 128, "/aws/lambda/training", "stream", "", "", ""),
                new NextInvocation("training", System.currentTimeMillis() + 1000, "arn", null, null, ORDER),
                new ConsoleLogger(new Console(OutputStream.nullOutputStream(), "training")));
        for (String handler : List.of(OrderHandler.class.getName(), MapHandler.class.getName() + "::handle",
                StreamHandler.class.getName() + "::handle")) {
            Invocable invocable = new HandlerLoader(loader).load(handler);
            invocable.invoke(new ByteArrayInputStream(ORDER), new ByteArrayOutputStream(), context);
        }
        ErrorReport.of(new IllegalStateException("training")).json();
    }

    /**
     * Sends one of each Runtime API request to a throwaway local server answering like the emulator, through a Unix
     * socket and a {@link Relay} as a sandboxed environment does.
     */
    private static void talkToARuntimeApi() throws IOException, InterruptedException {
        Path socket = Files.createTempDirectory("training-").resolve("runtime.sock");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(socket));
            Relay relay = Relay.start(unix, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort()), "training-relay");
            Thread answering = new Thread(() -> answer(server), "training-runtime-api");
            answering.start();
            try (RuntimeApiClient client = RuntimeApiClient.overUnixSocket(socket.toString(), "training")) {
                client.next();
                client.respond("training", ORDER);
                client.error("training", "java.lang.IllegalStateException", ORDER);
            }
            answering.join();
            relay.close();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }

    private static void answer(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int request = 0; request < 3; request++) {
                skipRequest(in);
                String body = request == 0 ? new String(ORDER, StandardCharsets.UTF_8) : "{\"status\":\"OK\"}";
                out.write(("HTTP/1.1 " + (request == 0 ? "200 OK" : "202 Accepted") + "\r\n"
                        + "Lambda-Runtime-Aws-Request-Id: training\r\nLambda-Runtime-Deadline-Ms: 1\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // Training is best effort: a shorter run only makes a smaller archive.
        }
    }

    private static void skipRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed");
            }
            head.append((char) b);
        }
        String text = head.toString();
        int length = text.indexOf("Content-Length: ");
        if (length >= 0) {
            int end = text.indexOf("\r\n", length);
            in.readNBytes(Integer.parseInt(text.substring(length + "Content-Length: ".length(), end).trim()));
        }
    }

    /** A POJO handler through the interface. */
    public static final class OrderHandler implements RequestHandler<Order, Order> {
        @Override
        public Order handleRequest(Order order, Context context) {
            context.getLogger().log("order " + order.getId());
            return order;
        }
    }

    /** A Map handler through a named method. */
    public static final class MapHandler {
        public Map<String, Object> handle(Map<String, Object> event, Context context) {
            return event;
        }
    }

    /** A stream handler through a named method. */
    public static final class StreamHandler {
        public void handle(InputStream in, OutputStream out, Context context) throws IOException {
            in.transferTo(out);
        }
    }

    /** A bean as students write them. */
    public static final class Order {
        private String id;
        private int quantity;
        private List<String> tags;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public int getQuantity() {
            return quantity;
        }

        public void setQuantity(int quantity) {
            this.quantity = quantity;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }
    }
}
