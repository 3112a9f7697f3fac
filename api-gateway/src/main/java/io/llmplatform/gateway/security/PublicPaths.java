package io.llmplatform.gateway.security;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The paths reachable without a token. Asked twice per request (should it be authenticated; is it allowed), so the
 * answer is kept on the exchange, and the patterns are tried in one loop rather than as one reactive matcher each.
 */
final class PublicPaths implements ServerWebExchangeMatcher {

    private static final String ATTRIBUTE = PublicPaths.class.getName();
    private static final Mono<MatchResult> MATCH = MatchResult.match();
    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private final List<PathPattern> patterns;

    PublicPaths(List<String> patterns) {
        this.patterns = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return isPublic(exchange) ? MATCH : NO_MATCH;
    }

    boolean isPublic(ServerWebExchange exchange) {
        Boolean known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        boolean matched = false;
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                matched = true;
                break;
            }
        }
        exchange.getAttributes().put(ATTRIBUTE, matched);
        return matched;
    }

    @Override
    public String toString() {
        return "PublicPaths" + patterns;
    }
}
