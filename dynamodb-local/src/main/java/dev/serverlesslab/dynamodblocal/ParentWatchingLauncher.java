package dev.serverlesslab.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs DynamoDB Local for as long as the emulator that started it lives. The emulator keeps this process's stdin
 * open and never writes to it; when the emulator ends in any way, SIGKILL included, the operating system closes
 * that pipe, the read below sees end-of-file, and this JVM halts instead of holding its port open as an orphan.
 */
public final class ParentWatchingLauncher {

    private ParentWatchingLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            watchUntilClosed(System.in);
            Runtime.getRuntime().halt(0);
        }, "serverlesslab-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        ServerRunner.main(args);
    }

    private static void watchUntilClosed(InputStream in) {
        try {
            while (in.read() != -1) {
                // Nothing is ever sent; anything that is, is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the emulator is gone.
        }
    }
}
