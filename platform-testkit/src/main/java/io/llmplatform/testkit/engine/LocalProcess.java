package io.llmplatform.testkit.engine;

import io.llmplatform.launcher.engine.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** An engine run as a child process: started, awaited until it answers, and stopped with the JVM. */
final class LocalProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Finds {@code executable} on the PATH (or in {@code overrideVariable}), or fails saying how to install it. */
    static Path executable(String executable, String overrideVariable, String installHint) {
        return Executables.find(executable, overrideVariable).orElseThrow(() -> new EngineUnavailableException(
                "No Docker engine answers and '" + executable + "' is not on the PATH. Install it (" + installHint
                + "), point " + overrideVariable + " at it, or start Docker."));
    }

    static LocalProcess start(String name, List<String> command, Map<String, String> environment, Duration timeout,
            BooleanSupplier ready) {
        Path log = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EngineUnavailableException("could not start " + name + ": " + command, e);
        }
        LocalProcess started = new LocalProcess(name, process, log);
        started.awaitReady(timeout, ready);
        return started;
    }

    private void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EngineUnavailableException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new EngineUnavailableException(name + " did not become ready within " + timeout + "; see " + log);
    }

    static Path logFile(String name) {
        try {
            Path dir = Files.isDirectory(Path.of("target")) ? Path.of("target", "test-engines")
                    : Files.createTempDirectory("test-engines");
            Files.createDirectories(dir);
            return dir.resolve(name + "-" + ProcessHandle.current().pid() + ".log");
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot create a log file for " + name, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting for an engine", e);
        }
    }

    @Override
    public void close() {
        Executables.stop(process, Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
