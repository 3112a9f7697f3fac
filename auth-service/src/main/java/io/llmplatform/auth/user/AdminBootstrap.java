package io.llmplatform.auth.user;

import io.llmplatform.auth.config.AuthProperties;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On first start, creates the administrator from {@code ADMIN_EMAIL} and {@code ADMIN_PASSWORD} when no
 * administrator exists. Nothing is created from defaults: without both variables the platform has no administrator
 * until they are set.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final long ADVISORY_LOCK = 0x4c4c4d41444d494eL;

    private final UserRepository users;
    private final UserService userService;
    private final AuthProperties properties;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    AdminBootstrap(UserRepository users, UserService userService, AuthProperties properties,
            TransactionTemplate transaction, JdbcClient jdbc) {
        this.users = users;
        this.userService = userService;
        this.properties = properties;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthProperties.Admin admin = properties.admin();
        transaction.executeWithoutResult(status -> {
            // Replicas starting together: only one creates the administrator.
            jdbc.sql("select pg_advisory_xact_lock(?)").param(ADVISORY_LOCK).query().singleRow();
            if (users.existsAdmin()) {
                return;
            }
            if (!admin.configured()) {
                log.warn("No administrator exists; set ADMIN_EMAIL and ADMIN_PASSWORD to create one at start-up");
                return;
            }
            String username = admin.username() != null && !admin.username().isBlank() ? admin.username() : "admin";
            User created = userService.create(admin.email(), username, admin.password(),
                    EnumSet.of(Role.USER, Role.ADMIN));
            log.info("Created the first administrator {}", created.email());
        });
    }
}
