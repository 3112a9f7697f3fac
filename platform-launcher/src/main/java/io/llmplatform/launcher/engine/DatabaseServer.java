package io.llmplatform.launcher.engine;

/** A PostgreSQL server the services get their databases from: embedded, or one the operator named. */
public interface DatabaseServer extends AutoCloseable {

    String jdbcUrl(String database);

    String username();

    String password();

    @Override
    void close();

    /** A server the launcher does not own: {@code jdbc:postgresql://host:port/} with its credentials. */
    static DatabaseServer external(String serverUrl, String username, String password) {
        String base = serverUrl.replaceAll("/[^/:]*$", "").replaceAll("/+$", "");
        return new DatabaseServer() {
            @Override
            public String jdbcUrl(String database) {
                return base + "/" + database;
            }

            @Override
            public String username() {
                return username;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public void close() {
            }
        };
    }
}
