package io.llmplatform.launcher.service;

import io.llmplatform.launcher.engine.Executables;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as its own JVM, exactly as in production (its jar, its port, its environment), with its
 * output in a log file. Stopping it sends SIGTERM, so Spring drains in-flight requests and flushes the usage outbox
 * before it exits.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Pattern FAILURE_DESCRIPTION = Pattern.compile("Description:\\\\n\\\\n(.*?)\\\\n\\\\nAction");

    private final PlatformService service;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(PlatformService service, int port, Process process, Path log) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(PlatformService service, int port, List<String> command,
            Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(service, port, builder.start(), log);
    }

    public PlatformService service() {
        return service;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits for {@code /actuator/health/readiness} to answer 200, or says why the service will not come up; returns
     * early, without a verdict, once {@code abandoned} says nobody waits any more.
     */
    public void awaitReady(Duration patience, BooleanSupplier abandoned) throws ServiceFailure {
        long deadline = System.nanoTime() + patience.toNanos();
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (abandoned.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new ServiceFailure(service, "exited with status " + process.exitValue() + ": " + cause());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceFailure(service, "interrupted while waiting for it");
            }
            sleep(Duration.ofMillis(250));
        }
        throw new ServiceFailure(service, "not ready after " + patience.toSeconds() + " s; see " + log);
    }

    /** SIGTERM, then as long as {@code grace} for a graceful shutdown, then SIGKILL. */
    public void stop(Duration grace) {
        Executables.stop(process, grace);
    }

    /** Spring Boot's own diagnosis when the log has one ("port already in use"...), else the log's last lines. */
    private String cause() {
        try {
            String text = Files.readString(log);
            Matcher described = FAILURE_DESCRIPTION.matcher(text);
            if (described.find()) {
                return described.group(1).replace("\\n", " ").replace("\\\"", "\"").strip();
            }
            List<String> lines = text.lines().toList();
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 5), lines.size())))
                    + "\n(full log: " + log + ")";
        } catch (IOException e) {
            return "see " + log;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
