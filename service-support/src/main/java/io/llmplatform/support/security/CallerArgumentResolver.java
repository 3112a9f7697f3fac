package io.llmplatform.support.security;

import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link Caller} controller parameter from the request's validated token and, for a service, its headers. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller;
        try {
            caller = authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                    ? Caller.of(jwt, request::getHeader) : null;
        } catch (IllegalArgumentException malformed) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, malformed.getMessage(), InternalHeaders.USER_ID);
        }
        if (caller == null) {
            throw new PlatformException(ErrorCode.FORBIDDEN, "This endpoint acts for a user; use a user's token");
        }
        return caller;
    }
}
