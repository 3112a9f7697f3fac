package io.llmplatform.launcher.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL from the zonky binaries on Maven Central, keeping its data directory between runs. Stopping it is a
 * fast shutdown ({@code pg_ctl stop -m fast}): committed data is safe and the next start needs no recovery.
 */
public final class LocalPostgres implements DatabaseServer {

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static LocalPostgres start(int port, Path dataDirectory) {
        stopLeftOver(dataDirectory);
        try {
            return new LocalPostgres(EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    /**
     * A PostgreSQL that an earlier launcher left running on this data directory (that launcher was killed outright,
     * with no chance to stop it) holds the port and the directory's lock: it is shut down (fast) so that this start
     * can run. Only a live {@code postgres} process serving exactly this directory is touched.
     */
    static void stopLeftOver(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (IOException | RuntimeException unreadable) {
            return;
        }
        String directory = dataDirectory.toAbsolutePath().toString();
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(command -> command.contains("postgres")
                        && command.contains(directory)).orElse(false))
                .ifPresent(postmaster -> {
                    System.err.println("Stopping the embedded PostgreSQL (pid " + pid + ") an earlier start left "
                            + "running on " + directory);
                    fastShutdown(postmaster);
                });
    }

    /** SIGINT is PostgreSQL's fast shutdown; Java's destroy() would send SIGTERM, which waits for every client. */
    private static void fastShutdown(ProcessHandle postmaster) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start()
                    .waitFor(5, TimeUnit.SECONDS);
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            postmaster.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a database unless it exists, on any server the launcher was given. */
    public static void ensureDatabase(DatabaseServer server, String database) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }
}
