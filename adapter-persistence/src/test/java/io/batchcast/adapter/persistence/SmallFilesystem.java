package io.batchcast.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few megabytes mounted on a fresh directory, for tests that run a database into a full disk for real:
 * {@link #fill()} writes a filler file until the filesystem refuses more ({@code ENOSPC}), {@link #free()} deletes it.
 * Mounting needs root (CI runs as root); without it the test fails and says so. {@link #close()} unmounts.
 */
public final class SmallFilesystem implements AutoCloseable {

    private final Path root;
    private final Path filler;

    private SmallFilesystem(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} on a new temporary directory. */
    public static SmallFilesystem mount(int megabytes) {
        try {
            Path root = Files.createTempDirectory("batchcast-small-fs-");
            run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", root.toString()),
                    "mounting a " + megabytes + " MB tmpfs needs root (CI runs the tests as root)");
            return new SmallFilesystem(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** A new, empty directory on the filesystem owned by {@code user} (a PostgreSQL tablespace: {@code postgres}). */
    public Path directoryOwnedBy(String user) {
        try {
            Path directory = Files.createDirectory(root.resolve(user));
            Files.setOwner(directory, directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(user));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the filler file until the filesystem is full; returns its size. */
    public long fill() {
        ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            try {
                while (true) {
                    chunk.clear();
                    out.write(chunk);
                }
            } catch (IOException full) {
                return out.size(); // ENOSPC: what fitted stays
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the filler file: the space it took is free again. */
    public void free() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        run(List.of("umount", root.toString()), "unmounting " + root);
        try {
            Files.deleteIfExists(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(what + ": " + String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + String.join(" ", command) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }
}
