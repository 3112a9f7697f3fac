package io.llmplatform.testkit.deploy;

import io.llmplatform.launcher.engine.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools that validate the deployment files offline: {@code kustomize}, {@code promtool}, and the
 * repository's own {@code deploy/checks} (Go, built on first use into {@code deploy/checks/target}). A missing tool
 * fails the test with the command that installs it; nothing is skipped.
 */
public final class DeployTools {

    private final Path repository;

    public DeployTools(Path repository) {
        this.repository = repository.toAbsolutePath().normalize();
    }

    /** The repository the surefire configuration names ({@code platform.repository}), else the parent directory. */
    public static DeployTools forThisBuild() {
        return new DeployTools(Path.of(System.getProperty("platform.repository", "..")));
    }

    public Path repository() {
        return repository;
    }

    public Result kustomize(String... arguments) {
        return run(command(executable("kustomize", "KUSTOMIZE",
                "go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1, or bash .ci/run"), arguments));
    }

    public Result promtool(String... arguments) {
        return run(command(executable("promtool", "PROMTOOL", "apt-get install prometheus"), arguments));
    }

    /** Runs {@code deploy/checks} (BuildKit's Dockerfile parser, compose-go, the PromQL parser). */
    public Result deployChecks(String... arguments) {
        return run(command(deployChecksBinary(), arguments));
    }

    private synchronized Path deployChecksBinary() {
        Path source = repository.resolve("deploy/checks");
        Path binary = source.resolve("target/deploy-checks");
        Path go = executable("go", "GO", "a Go toolchain (1.26) on the PATH; the modules come from the Go proxy");
        Result build = run(List.of(go.toString(), "build", "-o", binary.toString(), "."), source);
        if (build.exitCode() != 0) {
            throw new IllegalStateException("deploy/checks does not build:\n" + build.output());
        }
        return binary;
    }

    private List<String> command(Path executable, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private Result run(List<String> command) {
        return run(command, repository);
    }

    private static Result run(List<String> command, Path directory) {
        try {
            Path output = Files.createTempFile("deploy-tool", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static Path executable(String name, String overrideVariable, String installHint) {
        return Executables.find(name, overrideVariable).orElseThrow(() -> new IllegalStateException("'" + name
                + "' is not on the PATH (nor in " + overrideVariable + "). Install it: " + installHint));
    }

    /** What a tool printed (standard output and error together) and how it exited. */
    public record Result(int exitCode, String output) {

        /** The output, or an error carrying it when the tool failed. */
        public String orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed (exit " + exitCode + "):\n" + output);
            }
            return output;
        }
    }
}
