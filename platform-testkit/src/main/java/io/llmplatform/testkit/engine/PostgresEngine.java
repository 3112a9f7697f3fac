package io.llmplatform.testkit.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL server; each test context takes its own database from it with {@link #createDatabase(String)}. */
public abstract class PostgresEngine implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    public static PostgresEngine start(EngineMode mode) {
        return mode == EngineMode.DOCKER ? new Container() : new Embedded();
    }

    public abstract String host();

    public abstract int port();

    public abstract String username();

    public abstract String password();

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates an empty database with a name unique in this JVM, starting with {@code prefix}. */
    public Database createDatabase(String prefix) {
        String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new EngineUnavailableException("could not create database " + name, e);
        }
        return new Database(name, jdbcUrl(name), username(), password());
    }

    public record Database(String name, String jdbcUrl, String username, String password) {
    }

    /** The zonky embedded PostgreSQL binaries from Maven Central, in a throw-away data directory. */
    private static final class Embedded extends PostgresEngine {
        private final EmbeddedPostgres postgres;

        Embedded() {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setPort(FreePorts.next())
                        .setCleanDataDirectory(true)
                        .setRegisterShutdownHook(false)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new EngineUnavailableException("embedded PostgreSQL did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public int port() {
            return postgres.getPort();
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
        public void close() throws IOException {
            postgres.close();
        }
    }

    private static final class Container extends PostgresEngine {
        private final PostgreSQLContainer postgres;

        Container() {
            postgres = new PostgreSQLContainer(EngineVersions.get("postgres.image"))
                    .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
            postgres.start();
        }

        @Override
        public String host() {
            return postgres.getHost();
        }

        @Override
        public int port() {
            return postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        }

        @Override
        public String username() {
            return postgres.getUsername();
        }

        @Override
        public String password() {
            return postgres.getPassword();
        }

        @Override
        public void close() {
            postgres.stop();
        }
    }
}
