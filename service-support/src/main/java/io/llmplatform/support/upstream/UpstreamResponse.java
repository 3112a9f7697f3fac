package io.llmplatform.support.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

/**
 * A model server's answer whose headers have arrived; the body is read as it comes. {@link #abort()} closes the
 * connection, which is how a model server learns that the caller is gone and stops generating.
 */
public final class UpstreamResponse implements AutoCloseable {

    private final HttpResponse<InputStream> response;
    private final long startedNanos;
    private final ModelCallObservation observation;

    UpstreamResponse(HttpResponse<InputStream> response, long startedNanos, ModelCallObservation observation) {
        this.response = response;
        this.startedNanos = startedNanos;
        this.observation = observation;
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    public InputStream body() {
        return response.body();
    }

    /** When the request was sent, on the {@link System#nanoTime()} scale. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The tokens the call used, as the server reported them: they go on the call's span. */
    public void usage(long inputTokens, long outputTokens) {
        observation.usage(inputTokens, outputTokens);
    }

    public void abort() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing a connection that already failed has nothing left to report
        }
    }

    /** Closes the connection and ends the call's span (once: the observation ignores a second stop). */
    @Override
    public void close() {
        abort();
        observation.stop();
    }
}
