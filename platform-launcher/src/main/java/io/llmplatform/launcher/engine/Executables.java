package io.llmplatform.launcher.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

    private Executables() {
    }
}
