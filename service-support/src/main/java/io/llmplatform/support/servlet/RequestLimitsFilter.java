package io.llmplatform.support.servlet;

import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.limits.RequestLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses an over-long URI (414) or oversized headers (431) before anything else reads the request. */
final class RequestLimitsFilter extends OncePerRequestFilter {

    private final RequestLimits limits;
    private final ServletErrorResponses responses;

    RequestLimitsFilter(RequestLimits limits, ServletErrorResponses responses) {
        this.limits = limits;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        ApiError refused = limits.checkUri(request.getRequestURI().length() + (query == null ? 0 : query.length() + 1));
        if (refused == null) {
            refused = limits.checkHeaders(headerSize(request));
        }
        if (refused != null) {
            responses.write(refused, request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static long headerSize(HttpServletRequest request) {
        long size = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                size += name.length() + values.nextElement().length();
            }
        }
        return size;
    }
}
