package io.llmplatform.support.feign;

import feign.RequestTemplate;

/**
 * How a Feign call authenticates itself to the callee. Each client uses one mode, named in
 * {@code platform.feign.credentials.<client>}; {@link ForwardedUserToken} ({@code forward-user}) is the default. A
 * mode is a bean of this type: a service that calls for users outside a request adds one (a client-credentials
 * token with {@code X-Internal-User-Id}) under its own {@link #mode()}.
 */
public interface OutboundCredentials {

    /** The name clients choose this mode by. */
    String mode();

    /** Adds this mode's credentials to a call; adds nothing when there are none to give. */
    void apply(RequestTemplate call);
}
