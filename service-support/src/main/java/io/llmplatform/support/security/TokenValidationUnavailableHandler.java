package io.llmplatform.support.security;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.servlet.ServletErrorResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A token that cannot be checked (auth-service's JWKS unreachable and the key not cached) is not the caller's fault:
 * 503 {@code service_unavailable} with {@code Retry-After}, instead of the 500 Spring Security would give. A token
 * that fails its checks still gets the entry point's 401.
 */
final class TokenValidationUnavailableHandler implements AuthenticationFailureHandler {

    private final AuthenticationEntryPoint entryPoint;
    private final ServletErrorResponses responses;

    TokenValidationUnavailableHandler(AuthenticationEntryPoint entryPoint, ServletErrorResponses responses) {
        this.entryPoint = entryPoint;
        this.responses = responses;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (failure instanceof AuthenticationServiceException) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            responses.write(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "Access tokens cannot be validated right now; retry shortly").withHeaders(headers),
                    request, response);
            return;
        }
        entryPoint.commence(request, response, failure);
    }
}
