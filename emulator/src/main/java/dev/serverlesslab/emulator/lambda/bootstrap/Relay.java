package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Far more than an SDK's connection pool opens; past it, new connections are closed at once. */
    static final int MAX_CONNECTIONS = 64;

    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final String name;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger links = new AtomicInteger();
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

    /** The channels being relayed now, both ends of each connection (for tests). */
    Set<SocketChannel> openChannels() {
        return Set.copyOf(open);
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
            if (links.incrementAndGet() > MAX_CONNECTIONS) {
                // A handler opening connections without end must not cost the emulator a thread pair for each.
                links.decrementAndGet();
                closeQuietly(client);
                continue;
            }
            open.add(client);
            daemon(() -> connect(client), name + "-in").start();
        }
    }

    private void connect(SocketChannel client) {
        Link link = new Link(client);
        try {
            noDelay(client);
            link.upstream = SocketChannel.open(target instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            open.add(link.upstream);
            noDelay(link.upstream);
            link.upstream.connect(target);
            if (closed) {
                throw new IOException("the relay was closed while connecting");
            }
        } catch (IOException e) {
            // Nothing listens at the target: the client sees its connection closed, as with a refused one.
            link.end();
            return;
        }
        daemon(() -> link.pump(link.upstream, client), name + "-out").start();
        link.pump(client, link.upstream);
    }

    /**
     * Turns Nagle's algorithm off on a TCP channel (a Unix-domain one has none). The relay passes on each piece as it
     * reads it, so an HTTP message often leaves in two writes (head, then body); with Nagle the second waits until the
     * first is acknowledged, and the far side delays that ACK by up to 40 ms: a confined function's SDK call took
     * 55-70 ms where it took 15-20 ms without the stall.
     */
    private static void noDelay(SocketChannel channel) throws IOException {
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    /** One relayed connection: the accepted client and the connection opened for it. */
    private final class Link {
        private final SocketChannel client;
        private volatile SocketChannel upstream;
        private final AtomicInteger directionsDone = new AtomicInteger();
        private final AtomicBoolean ended = new AtomicBoolean();

        Link(SocketChannel client) {
            this.client = client;
        }

        /**
         * Copies until {@code from} ends, then half-closes {@code to} so the far side sees the end too (an HTTP client
         * may still be reading the answer); the link ends once both directions have ended or one has failed.
         */
        void pump(SocketChannel from, SocketChannel to) {
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
                // One side went away mid-stream: ending the link also ends the other direction's pump.
            }
            end();
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                for (SocketChannel channel : new SocketChannel[] {client, upstream}) {
                    if (channel != null) {
                        open.remove(channel);
                        closeQuietly(channel);
                    }
                }
                links.decrementAndGet();
            }
        }
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
