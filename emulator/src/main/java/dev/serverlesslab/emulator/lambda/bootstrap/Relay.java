package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forwards every connection accepted on one socket to a fixed address, byte for byte, in both directions: TCP to a
 * Unix-domain socket inside an execution environment's network namespace, and back to TCP on the emulator's side.
 *
 * <p>Written here rather than taken from a library because the bootstrap may depend on the JDK alone; it is plain
 * blocking NIO with one buffer per direction and daemon threads, so it costs an environment's cold start only the
 * bind of its listening socket.
 */
public final class Relay implements Closeable {

    private static final int BUFFER_BYTES = 32 * 1024;

    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final String name;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Relay(ServerSocketChannel server, SocketAddress target, String name) {
        this.server = server;
        this.target = target;
        this.name = name;
    }

    /** Starts accepting on the bound {@code server}; each connection is forwarded to {@code target}. */
    public static Relay start(ServerSocketChannel server, SocketAddress target, String name) {
        Relay relay = new Relay(server, target, name);
        daemon(relay::accept, name + "-accept").start();
        return relay;
    }

    /** Stops accepting and cuts the connections being relayed. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(Relay::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                // Closed, or the socket became unusable: either way nothing more will arrive.
                return;
            }
            open.add(client);
            daemon(() -> connect(client), name + "-in").start();
        }
    }

    private void connect(SocketChannel client) {
        SocketChannel upstream = null;
        try {
            upstream = SocketChannel.open(target instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            open.add(upstream);
            upstream.connect(target);
            if (closed) {
                throw new IOException("the relay was closed while connecting");
            }
        } catch (IOException e) {
            // Nothing listens at the target: the client sees its connection closed, as with a refused one.
            open.remove(client);
            closeQuietly(client);
            if (upstream != null) {
                finish(upstream);
            }
            return;
        }
        SocketChannel connected = upstream;
        AtomicInteger directionsDone = new AtomicInteger();
        daemon(() -> pump(connected, client, directionsDone), name + "-out").start();
        pump(client, connected, directionsDone);
    }

    /**
     * Copies until {@code from} ends, then half-closes {@code to} so the far side sees the end too (an HTTP client may
     * still be reading the answer); the connection is closed once both directions have ended or one has failed.
     */
    private void pump(SocketChannel from, SocketChannel to, AtomicInteger directionsDone) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (directionsDone.incrementAndGet() < 2) {
                return;
            }
        } catch (IOException e) {
            // One side went away mid-stream: end both, which also ends the other direction's pump.
        }
        finish(from);
        finish(to);
    }

    private void finish(SocketChannel channel) {
        open.remove(channel);
        closeQuietly(channel);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is best effort: the peer may already be gone.
        }
    }
}
