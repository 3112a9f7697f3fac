package io.llmplatform.support.servlet;

import io.llmplatform.support.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The rules every route's query and form parameters follow, checked once before any controller runs so that no
 * route needs its own: no parameter name or value holds NUL (PostgreSQL cannot store it), and a route that pages
 * (a {@code page} or {@code size} request parameter, or a Spring Data {@code Pageable}) gets integers within
 * {@link PagingProperties}. Each refusal is 400 {@code validation_failed} naming the parameter.
 */
final class RequestParameterRules implements HandlerInterceptor {

    static final String PAGE = "page";
    static final String SIZE = "size";
    private static final String PAGEABLE = "org.springframework.data.domain.Pageable";

    private final PagingProperties paging;
    private final Map<Method, Boolean> pagingHandlers = new ConcurrentHashMap<>();

    RequestParameterRules(PagingProperties paging) {
        this.paging = paging;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String[]> parameters = request.getParameterMap();
        if (parameters.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.indexOf('\0') >= 0) {
                throw PlatformException.invalidField(name.replace("\0", "\\u0000"),
                        "is not a parameter name: it contains the NUL character (\\u0000)");
            }
            for (String value : parameter.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    throw PlatformException.invalidField(name, "must not contain the NUL character (\\u0000)");
                }
            }
        }
        if (handler instanceof HandlerMethod method && pagingHandlers.computeIfAbsent(method.getMethod(),
                key -> pages(method))) {
            checkBounds(PAGE, parameters.get(PAGE), 0, paging.maxPage());
            checkBounds(SIZE, parameters.get(SIZE), 1, paging.maxSize());
        }
        return true;
    }

    private static void checkBounds(String name, String[] values, long min, long max) {
        if (values == null) {
            return;
        }
        for (String value : values) {
            long number;
            try {
                number = Long.parseLong(value.strip());
            } catch (NumberFormatException notANumber) {
                number = Long.MIN_VALUE;
            }
            if (number < min || number > max) {
                throw PlatformException.invalidField(name, "must be an integer from " + min + " to " + max);
            }
        }
    }

    private static boolean pages(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.getParameterType().getName().equals(PAGEABLE)) {
                return true;
            }
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null) {
                String name = !annotation.name().isEmpty() ? annotation.name()
                        : !annotation.value().isEmpty() ? annotation.value() : parameter.getParameter().getName();
                if (PAGE.equals(name) || SIZE.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
