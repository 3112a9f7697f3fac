package io.llmplatform.support.security;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.servlet.ServletErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 with RFC 6750's {@code WWW-Authenticate: Bearer ...} header and the platform's error body: {@code unauthorized}
 * without a token, {@code invalid_token} for a token that fails validation.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ServletErrorResponses responses;

    ProblemAuthenticationEntryPoint(ServletErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        bearer.commence(request, response, failure);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, response.getHeader(HttpHeaders.WWW_AUTHENTICATE));
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, null);
        ApiError error = failure instanceof InvalidBearerTokenException
                ? ApiError.of(ErrorCode.INVALID_TOKEN, "The access token is invalid or has expired")
                : ApiError.of(ErrorCode.UNAUTHORIZED, "This endpoint needs an access token");
        responses.write(error.withHeaders(headers), request, response);
    }
}
