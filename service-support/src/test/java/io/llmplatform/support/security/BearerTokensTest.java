package io.llmplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The token read from an Authorization header is exactly the one Spring Security's own resolver reads. */
class BearerTokensTest {

    private final DefaultBearerTokenResolver springSecurity = new DefaultBearerTokenResolver();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl", "bearer abc", "BEARER abc",
            "Bearer sk-live_AbC.123~+/", "Bearer abc==", "Bearer a="})
    void aWellFormedBearerHeaderGivesItsToken(String header) {
        assertThat(BearerTokens.tokenOf(header)).isEqualTo(springSecurity.resolve(request(header)))
                .isEqualTo(header.substring("Bearer ".length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer ab=c", "Bearer =",
            "Bearer abc!", "Bearer\tabc", "Bearerabc", "Bearer abc\n", "Bearer äbc"})
    void aMalformedBearerHeaderIsAnInvalidToken(String header) {
        assertThatThrownBy(() -> springSecurity.resolve(request(header)))
                .as("Spring Security refuses it too").isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> BearerTokens.tokenOf(header))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, refused ->
                        assertThat(refused.getError().getErrorCode()).isEqualTo("invalid_token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Token abc", "", "Bear abc"})
    void anotherSchemeIsNoBearerToken(String header) {
        assertThat(BearerTokens.tokenOf(header)).isNull();
        assertThat(springSecurity.resolve(request(header))).isNull();
    }

    @org.junit.jupiter.api.Test
    void noHeaderIsNoBearerToken() {
        assertThat(BearerTokens.tokenOf(null)).isNull();
    }

    private static HttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", authorization);
        return request;
    }
}
