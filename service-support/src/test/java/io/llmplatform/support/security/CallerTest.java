package io.llmplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.auth.TokenClaims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who a request acts for: the token's user, or, for a platform service, the user it names in its headers. */
class CallerTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID API_KEY = UUID.randomUUID();

    @Test
    void aServiceTokenWithTheInternalHeadersActsForThatUserWithTheUserRoleOnly() {
        Caller caller = Caller.of(token("document-service", TokenClaims.ROLE_SERVICE),
                Map.of(InternalHeaders.USER_ID, USER.toString(), InternalHeaders.API_KEY_ID, API_KEY.toString())::get);

        assertThat(caller).isEqualTo(new Caller(USER, Set.of(TokenClaims.ROLE_USER), API_KEY));
    }

    @Test
    void aUsersTokenCannotActForSomeoneElse() {
        UUID owner = UUID.randomUUID();

        Caller caller = Caller.of(token(owner.toString(), TokenClaims.ROLE_USER, TokenClaims.ROLE_ADMIN),
                Map.of(InternalHeaders.USER_ID, USER.toString())::get);

        assertThat(caller.userId()).isEqualTo(owner);
        assertThat(caller.roles()).containsExactlyInAnyOrder(TokenClaims.ROLE_USER, TokenClaims.ROLE_ADMIN);
    }

    @Test
    void aServiceActingForItselfIsNoUser() {
        assertThat(Caller.of(token("document-service", TokenClaims.ROLE_SERVICE), name -> null)).isNull();
    }

    @Test
    void aServiceNamingAUserWithSomethingOtherThanAUuidIsRefused() {
        Jwt service = token("document-service", TokenClaims.ROLE_SERVICE);

        assertThatIllegalArgumentException().isThrownBy(() -> Caller.of(service,
                Map.of(InternalHeaders.USER_ID, "admin")::get));
        assertThatIllegalArgumentException().isThrownBy(() -> Caller.of(service,
                Map.of(InternalHeaders.USER_ID, USER.toString(), InternalHeaders.API_KEY_ID, "key")::get));
    }

    private static Jwt token(String subject, String... roles) {
        return Jwt.withTokenValue("t").header("alg", "ES256").subject(subject)
                .claim(TokenClaims.ROLES, List.of(roles)).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
