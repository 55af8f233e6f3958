package dev.serverlesslab.server.content;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a content folder and everything below it with the JDK's {@link WatchService} (inotify on Linux, which
 * watches one folder at a time, hence one registration per folder, and new folders as they appear) and calls back
 * once things have been quiet for a moment: saving one file often means several events (editors write a temporary
 * file, rename it, touch the folder), and a reload per event would show half-written content.
 *
 * <p>Hidden files and editors' swap and backup files ({@code .x.swp}, {@code x~}, {@code #x#}) are ignored: they
 * change while an author types, and content never includes them.
 */
public final class ContentWatcher implements AutoCloseable {

    /** Long enough to cover one save by an editor, short enough that the page seems to follow at once. */
    public static final Duration QUIET = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(ContentWatcher.class);

    private final Path root;
    private final Duration quiet;
    private final Runnable onChange;
    private final WatchService service;
    private final Thread thread;

    private ContentWatcher(Path root, Duration quiet, Runnable onChange) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.quiet = quiet;
        this.onChange = onChange;
        this.service = this.root.getFileSystem().newWatchService();
        this.thread = new Thread(this::run, "lab-content-watcher");
        // A server that forgot to close the watcher must still be able to exit.
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code root}; {@code onChange} runs on the watcher's own thread, one call at a time. */
    public static ContentWatcher start(Path root, Duration quiet, Runnable onChange) {
        try {
            ContentWatcher watcher = new ContentWatcher(root, quiet, onChange);
            watcher.registerTree(watcher.root);
            watcher.thread.start();
            return watcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + root + " for changes: " + e.getMessage(), e);
        }
    }

    private void run() {
        try {
            while (true) {
                boolean changed = handle(service.take());
                // Collect whatever follows within the quiet period, so one save is one reload.
                WatchKey next;
                while ((next = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    changed |= handle(next);
                }
                if (changed) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        // The next change tries again; the watcher itself must not die of one bad reload.
                        LOG.warn("reloading the content after a change failed", e);
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop watching
        }
    }

    /** Registers folders created since, and says whether any event concerns content. */
    private boolean handle(WatchKey key) {
        boolean changed = false;
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                // Events were lost: something changed, and new folders may be unregistered.
                changed = true;
                registerQuietly(root);
                continue;
            }
            Path name = (Path) event.context();
            if (ignored(name)) {
                continue;
            }
            changed = true;
            Path path = folder.resolve(name);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
                registerQuietly(path);
            }
        }
        key.reset();
        return changed;
    }

    static boolean ignored(Path name) {
        String file = name.getFileName().toString();
        return file.startsWith(".") || file.endsWith("~") || file.endsWith(".swp") || file.endsWith(".swx")
                || file.endsWith(".tmp") || (file.startsWith("#") && file.endsWith("#"));
    }

    private void registerQuietly(Path folder) {
        try {
            registerTree(folder);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot watch {} for changes: {}", folder, e.getMessage());
        }
    }

    private void registerTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                // .git and editor folders change often and hold no content.
                if (!dir.equals(folder) && ignored(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Stops watching; a callback in progress finishes first. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing is left to release
        }
    }
}
