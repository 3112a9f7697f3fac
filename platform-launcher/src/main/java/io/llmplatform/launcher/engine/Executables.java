package io.llmplatform.launcher.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds a program the launcher or the tests run: the path in {@code overrideVariable} if set, else the first one on the PATH. */
public final class Executables {

    public static Optional<Path> find(String executable, String overrideVariable) {
        String override = System.getenv(overrideVariable);
        if (override != null && Files.isExecutable(Path.of(override))) {
            return Optional.of(Path.of(override));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** SIGTERM, then up to {@code grace} for a graceful exit, then SIGKILL. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private Executables() {
    }
}
