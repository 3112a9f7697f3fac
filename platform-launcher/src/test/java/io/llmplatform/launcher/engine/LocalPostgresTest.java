package io.llmplatform.launcher.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @TempDir
    Path data;

    /** What a launcher killed outright (SIGKILL) leaves behind must not stop the next start. */
    @Test
    void aPostgresLeftRunningOnTheDataDirectoryIsStoppedAndTheNextStartRuns() throws Exception {
        int port = freePort();
        Process killedLauncher = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LeftOverPostgres.class.getName(), Integer.toString(port),
                data.resolve("postgres").toString()).redirectErrorStream(true).start();
        assertThat(new BufferedReader(new InputStreamReader(killedLauncher.getInputStream())).lines()
                .anyMatch("started"::equals)).isTrue();
        killedLauncher.destroyForcibly().waitFor();
        long leftOver = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst());
        assertThat(ProcessHandle.of(leftOver).filter(ProcessHandle::isAlive)).as("PostgreSQL outlived it").isPresent();

        try (LocalPostgres again = LocalPostgres.start(port, data.resolve("postgres"))) {
            assertThat(ProcessHandle.of(leftOver).filter(ProcessHandle::isAlive)).isEmpty();
            try (Connection connection = DriverManager.getConnection(again.jdbcUrl("postgres"), again.username(),
                    again.password())) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void aStalePidFileOfAnotherProcessIsLeftAlone() throws IOException, SQLException {
        Path directory = Files.createDirectories(data.resolve("postgres"));
        Files.writeString(directory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");

        LocalPostgres.stopLeftOver(directory);

        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
