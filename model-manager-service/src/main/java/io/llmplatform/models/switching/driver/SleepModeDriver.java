package io.llmplatform.models.switching.driver;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.pool.ModelPool;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * vLLM's sleep mode ({@code --enable-sleep-mode}): every model of the pool has its own vLLM on the same GPUs, all
 * asleep but one. A switch puts the current one to sleep (level 1: weights to CPU memory, GPU freed) and wakes the
 * target's, which takes seconds rather than a cold load. The pool's endpoint moves to the woken server.
 */
public final class SleepModeDriver implements SwitchDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final VllmEndpointClient endpoints;

    public SleepModeDriver(VllmEndpointClient endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void check(Pool pool, ModelProfile target) {
        if (!pool.sleepInstances().containsKey(target.id())) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "Pool " + pool.name() + " has no sleeping vLLM "
                    + "for " + target.id() + "; it has " + pool.sleepInstances().keySet(), "profileId");
        }
    }

    @Override
    public String capture(Pool pool, ModelPool current) {
        return current.baseUrl();
    }

    @Override
    public void stop(Pool pool, ModelPool current) throws IOException {
        post(pool, URI.create(current.baseUrl()).resolve("/sleep?level=1"));
    }

    @Override
    public URI start(Pool pool, ModelProfile target) throws IOException {
        URI instance = pool.sleepInstances().get(target.id());
        post(pool, instance.resolve("/wake_up"));
        return instance;
    }

    @Override
    public URI restore(Pool pool, String snapshot) throws IOException {
        URI previous = URI.create(snapshot);
        for (URI instance : pool.sleepInstances().values()) {
            if (!instance.equals(previous)) {
                try {
                    post(pool, instance.resolve("/sleep?level=1"));
                } catch (IOException alreadyDown) {
                    // An instance that cannot be reached holds no GPU memory either.
                }
            }
        }
        post(pool, previous.resolve("/wake_up"));
        return previous;
    }

    private void post(Pool pool, URI url) throws IOException {
        VllmEndpointClient.Reply reply = endpoints.post(url, pool.apiKey(), null, TIMEOUT);
        if (!reply.ok()) {
            throw new IOException(url + " answered " + reply.status());
        }
    }
}
