package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay a sandboxed environment's loopback ports go through: TCP in, Unix socket out, as inside the sandbox. */
class RelayTests {

    @TempDir
    Path dir;
    private ServerSocketChannel unix;
    private Relay relay;
    private int port;

    @BeforeEach
    void start() throws IOException {
        Path socket = dir.resolve("upstream.sock");
        unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(socket));
        ServerSocketChannel tcp = ServerSocketChannel.open(StandardProtocolFamily.INET);
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        relay = Relay.start(tcp, UnixDomainSocketAddress.of(socket), "test-relay");
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        unix.close();
    }

    @Test
    void bytesFlowBothWays_andTheEndOfTheRequestReachesTheUpstream_whileTheAnswerStillComesBack() throws Exception {
        CompletableFuture<Void> upstream = CompletableFuture.runAsync(() -> {
            try (SocketChannel peer = unix.accept()) {
                String request = new String(readAll(peer), StandardCharsets.UTF_8);
                peer.write(ByteBuffer.wrap(("got:" + request).getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] large = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(large);
            client.shutdownOutput();
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals("got:" + "x".repeat(200_000), answer);
        }
        upstream.get(30, TimeUnit.SECONDS);
    }

    @Test
    void bothTcpEnds_sendEachPieceAtOnce_soAnHttpBodyNeverWaitsForADelayedAck() throws Exception {
        // Inside the sandbox the client's end is TCP; on the emulator's side the upstream is: both are checked.
        ServerSocketChannel tcpTarget = ServerSocketChannel.open(StandardProtocolFamily.INET);
        tcpTarget.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Path socket = dir.resolve("host-side.sock");
        ServerSocketChannel unixIn = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unixIn.bind(UnixDomainSocketAddress.of(socket));
        try (Relay hostSide = Relay.start(unixIn, tcpTarget.getLocalAddress(), "test-host-relay");
             Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
             SocketChannel sandboxed = SocketChannel.open(UnixDomainSocketAddress.of(socket));
             SocketChannel fromUnix = unix.accept();
             SocketChannel fromTcp = tcpTarget.accept()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.openChannels().size() == 2
                    && hostSide.openChannels().size() == 2);
            List<SocketChannel> tcpEnds = new ArrayList<>();
            for (SocketChannel channel : relay.openChannels()) {
                if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                    tcpEnds.add(channel);
                }
            }
            for (SocketChannel channel : hostSide.openChannels()) {
                if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                    tcpEnds.add(channel);
                }
            }

            assertEquals(2, tcpEnds.size(), "one TCP end in each relay");
            for (SocketChannel channel : tcpEnds) {
                assertTrue(channel.getOption(StandardSocketOptions.TCP_NODELAY), channel.toString());
            }
        } finally {
            tcpTarget.close();
        }
    }

    @Test
    void withNothingListeningUpstream_theClientSeesItsConnectionClosed() throws Exception {
        unix.close();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(30_000);

            assertEquals(-1, client.getInputStream().read());
        }
    }

    @Test
    void close_stopsAccepting_andCutsConnectionsInFlight() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
                SocketChannel peer = unix.accept()) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();

            relay.close();

            assertEquals(-1, readOrEnd(in));
        }
        // Closing a listening channel while its accept thread is blocked completes when that thread wakes; until then
        // the kernel may still take a connection into the backlog, so the refusal is awaited, not expected at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
    }

    private static boolean refused(int port) {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void connectionsPastTheCap_areClosedAtOnce_soAHandlerCannotCostTheEmulatorAThreadPairEach() throws Exception {
        List<Socket> held = new ArrayList<>();
        List<SocketChannel> peers = new ArrayList<>();
        try {
            for (int i = 0; i < Relay.MAX_CONNECTIONS; i++) {
                held.add(new Socket(InetAddress.getLoopbackAddress(), port));
                peers.add(unix.accept());
            }
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), port)) {
                extra.setSoTimeout(30_000);

                assertEquals(-1, readOrEnd(extra.getInputStream()));
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            for (SocketChannel peer : peers) {
                peer.close();
            }
        }
    }

    /** -1 when the connection was closed or reset; a read that only times out means it is still open. */
    private static int readOrEnd(InputStream in) throws SocketTimeoutException {
        try {
            return in.read();
        } catch (SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static byte[] readAll(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        while (channel.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                throw new IOException("more than expected");
            }
        }
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
