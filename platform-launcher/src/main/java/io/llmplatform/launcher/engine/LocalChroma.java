package io.llmplatform.launcher.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Chroma server from PyPI's {@code chromadb} ({@code chroma run}), on a port and data directory of the caller's
 * choosing, so a stopped one starts again with its collections. The launcher and the test kit both start it here.
 */
public final class LocalChroma implements AutoCloseable {

    /** The variable that names a {@code chroma} executable off the PATH. */
    public static final String OVERRIDE_VARIABLE = "CHROMA_BIN";

    private static final String PID_FILE = "chroma.pid";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final String baseUrl;

    private LocalChroma(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** The {@code chroma} CLI, if installed ({@code pip install chromadb}). */
    public static Optional<Path> executable() {
        return Executables.find("chroma", OVERRIDE_VARIABLE);
    }

    /**
     * Starts {@code chroma run} and waits until its v2 heartbeat answers.
     *
     * @throws IllegalStateException when it exits or does not answer within {@code timeout}; its log says why
     */
    public static LocalChroma start(Path executable, int port, Path dataDirectory, Path log, Duration timeout) {
        stopLeftOver(dataDirectory);
        Process process;
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "run", "--path",
                    dataDirectory.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ANONYMIZED_TELEMETRY", "False");
            process = builder.start();
            Files.writeString(dataDirectory.resolve(PID_FILE), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
        LocalChroma chroma = new LocalChroma(process, "http://127.0.0.1:" + port);
        chroma.awaitReady(timeout, log);
        return chroma;
    }

    /** For example {@code http://127.0.0.1:18000}. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * A Chroma that an earlier launcher left running on this data directory (it was killed outright) holds the port:
     * it is stopped. Only a live {@code chroma} process serving exactly this directory is touched.
     */
    static void stopLeftOver(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | RuntimeException unreadable) {
            return;
        }
        String directory = dataDirectory.toString();
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(command -> command.contains("chroma")
                        && command.contains(directory)).orElse(false))
                .ifPresent(left -> {
                    System.err.println("Stopping the Chroma (pid " + pid + ") an earlier start left running on "
                            + directory);
                    left.destroy();
                    try {
                        left.onExit().get(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException e) {
                        left.destroyForcibly();
                    }
                });
    }

    private void awaitReady(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chroma exited with " + process.exitValue() + "; see " + log);
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for chroma", e);
            }
        }
        close();
        throw new IllegalStateException("chroma did not answer within " + timeout + "; see " + log);
    }

    private boolean answers() {
        try {
            HttpRequest heartbeat = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/heartbeat"))
                    .timeout(Duration.ofSeconds(1)).build();
            return HTTP.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        Executables.stop(process, Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return "chroma (pid " + process.pid() + ", " + baseUrl + ")";
    }
}
