package io.llmplatform.support.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.llmplatform.support.RequestIds;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * What every call carries from the request being served: its request id (so the callee's log lines join the
 * caller's), and the credentials of the client's mode. The trace context travels by Micrometer's Feign
 * observation.
 */
final class CallContextInterceptor implements RequestInterceptor {

    private final Map<String, OutboundCredentials> modes;
    private final Map<String, String> modeByClient;

    CallContextInterceptor(List<OutboundCredentials> modes, Map<String, String> modeByClient) {
        this.modes = modes.stream().collect(Collectors.toUnmodifiableMap(OutboundCredentials::mode,
                Function.identity()));
        this.modeByClient = Map.copyOf(modeByClient);
        modeByClient.forEach((client, mode) -> {
            if (!mode.equals("none") && !this.modes.containsKey(mode)) {
                throw new IllegalStateException("platform.feign.credentials." + client + " names an unknown mode '"
                        + mode + "'; known: " + this.modes.keySet() + " and none");
            }
        });
    }

    @Override
    public void apply(RequestTemplate call) {
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null && !call.headers().containsKey(RequestIds.HEADER)) {
            call.header(RequestIds.HEADER, requestId);
        }
        String client = call.feignTarget() != null ? call.feignTarget().name() : "";
        OutboundCredentials credentials = modes.get(modeByClient.getOrDefault(client, ForwardedUserToken.MODE));
        if (credentials != null) {
            credentials.apply(call);
        }
    }
}
