package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (what a supervisor, or Ctrl-C, sends) at any moment of start-up stops everything the start had started:
 * no embedded PostgreSQL, service or training run outlives the launcher, and the next start on the same data
 * directory works. The launcher runs on free ports, with auth-service only, so each start is short.
 */
class StopWhileStartingTest {

    private static final Duration MOMENT = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofMinutes(2);
    /** The launcher's JVM as ./platform runs it. */
    private static final List<String> LAUNCHER_JVM = List.of("-XX:+UseSerialGC", "-Xmx384m",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private final Path repository = Path.of(System.getProperty("platform.repository", "..")).toAbsolutePath()
            .normalize();
    private final Path work = repository.resolve("e2e-tests/target/stop-while-starting");
    private final Path data = work.resolve("data");
    /** Service JVM options no cache was trained for, so that a start (or ./platform's prepare) trains. */
    private final String untrainedOptions = "-XX:+UseSerialGC -Xmx256m -Dplatform.stop-test=" + System.nanoTime();
    private Set<Path> cachesBefore;

    @BeforeEach
    void cleanSlate() throws IOException {
        deleteRecursively(work);
        Files.createDirectories(work.resolve("tmp"));
        cachesBefore = aotCaches();
    }

    /** The caches trained for this test's options are of no use to anyone: each is tens of megabytes. */
    @AfterEach
    void forgetTheTestsCaches() throws IOException {
        for (Path cache : aotCaches()) {
            if (!cachesBefore.contains(cache)) {
                Files.deleteIfExists(cache);
            }
        }
    }

    @Test
    void sigtermAtEachMomentOfStartUpLeavesNothingRunningAndTheNextStartWorks() throws Exception {
        stopAt("Starting embedded PostgreSQL", launcher("pg.log", "--no-aot-cache"), "pg.log");
        stopAt("Starting embedded Kafka", launcher("kafka.log", "--no-aot-cache"), "kafka.log");
        stopAt("Preparing fast start-up", launcher("training.log", "--service-jvm-options", untrainedOptions),
                "training.log");
        stopAt("Starting auth-service", launcher("services.log", "--no-aot-cache"), "services.log");

        Process last = launcher("ready.log", "--no-aot-cache");
        stopAt("The LLM platform is ready", last, "ready.log");

        assertThat(log("ready.log")).contains("Stopped. Data kept in")
                .as("Kafka's benign state-change errors at a restart stay quiet").doesNotContain("ERROR");
    }

    @Test
    void sigtermToThePlatformScriptWhileItTrainsTheCachesStopsTheTraining() throws Exception {
        ProcessBuilder script = new ProcessBuilder("bash", repository.resolve("platform").toString(), "up",
                "--free-ports", "--services", "auth-service", "--data-dir", data.toString())
                .directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("script.log").toFile());
        script.environment().put("PLATFORM_SERVICE_JVM_OPTIONS", untrainedOptions);
        // prepare's throw-away engines live in the temporary directory: this one, so that they can be found.
        script.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + work.resolve("tmp"));

        stopAt("Preparing fast start-up", script.start(), "script.log");

        assertThat(log("script.log")).doesNotContain("The LLM platform is ready");
    }

    private Process launcher(String logName, String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(LAUNCHER_JVM);
        command.addAll(List.of("-jar", repository.resolve("platform-launcher/target/platform-launcher-exec.jar")
                .toString(), "up", "--free-ports", "--services", "auth-service", "--data-dir", data.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(logName).toFile()).start();
    }

    /** Waits for {@code moment} in the log, sends SIGTERM, and checks that everything started has stopped. */
    private void stopAt(String moment, Process platform, String logName) throws Exception {
        await().atMost(MOMENT).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!platform.isAlive()) {
                throw new AssertionError("it exited before '" + moment + "':\n" + log(logName));
            }
            return log(logName).contains(moment);
        });
        List<ProcessHandle> started = platform.descendants().toList();

        platform.destroy();

        assertThat(platform.waitFor(STOP.toSeconds(), TimeUnit.SECONDS))
                .as("stopped within %s after '%s':\n%s", STOP, moment, log(logName)).isTrue();
        assertThat(log(logName)).as("what it printed, after '%s'", moment).doesNotContain("\tat ");
        assertThat(started).as("its processes, after '%s'", moment).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains(work.toString())))
                .as("nothing working in its directories (embedded PostgreSQL), after '%s'", moment).isEmpty();
    }

    /** Every service's trained caches: {@code <module>/target/platform-app/<module>/app-<options>.aot}. */
    private Set<Path> aotCaches() throws IOException {
        Set<Path> caches = new HashSet<>();
        try (Stream<Path> modules = Files.list(repository)) {
            for (Path apps : modules.map(module -> module.resolve("target/platform-app")).filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(apps, 2)) {
                    files.filter(path -> path.getFileName().toString().endsWith(".aot")).forEach(caches::add);
                }
            }
        }
        return caches;
    }

    private String log(String name) throws IOException {
        Path file = work.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
