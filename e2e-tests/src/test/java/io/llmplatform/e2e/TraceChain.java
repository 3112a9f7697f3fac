package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.tracing.OtlpTraceReceiver;
import io.llmplatform.testkit.tracing.OtlpTraceReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * One trace as the services exported it to the OTLP receiver, followed hop by hop: each hop is a span of a named
 * service that is a child of the previous hop's span. {@link #start()} gives the W3C {@code traceparent} a client
 * sends to begin it.
 */
final class TraceChain {

    private final OtlpTraceReceiver receiver;
    private final String traceId;
    private final String clientSpanId;

    private TraceChain(OtlpTraceReceiver receiver, String traceId, String clientSpanId) {
        this.receiver = receiver;
        this.traceId = traceId;
        this.clientSpanId = clientSpanId;
    }

    static TraceChain start(OtlpTraceReceiver receiver) {
        HexFormat hex = HexFormat.of();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        return new TraceChain(receiver, hex.formatHex(trace), hex.formatHex(span));
    }

    /** The header the client sends: sampled, parented on a span of the client's own. */
    String traceparent() {
        return "00-" + traceId + "-" + clientSpanId + "-01";
    }

    String traceId() {
        return traceId;
    }

    /** The server span with which {@code service} received the client's request. */
    ReceivedSpan entry(String service) {
        return await("the server span of " + service + " under the client's span", span ->
                span.service().equals(service) && span.kind() == SpanKind.SPAN_KIND_SERVER
                        && span.parentSpanId().equals(clientSpanId));
    }

    /** The server span of {@code service} that is a child of {@code caller}: the next hop. */
    ReceivedSpan serverSpanOf(String service, ReceivedSpan caller) {
        return await("a server span of " + service + " under " + caller.service() + "'s " + caller.name(), span ->
                span.service().equals(service) && span.kind() == SpanKind.SPAN_KIND_SERVER && span.isChildOf(caller));
    }

    /** A span of the same service that is a child of {@code parent} and matches {@code what}. */
    ReceivedSpan childOf(ReceivedSpan parent, String description, Predicate<ReceivedSpan> what) {
        return await(description + " under " + parent.service() + "'s " + parent.name(), span ->
                span.isChildOf(parent) && what.test(span));
    }

    private ReceivedSpan await(String description, Predicate<ReceivedSpan> wanted) {
        // Services export in batches every few seconds.
        List<ReceivedSpan> found = Awaitility.await(description).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> receiver.trace(traceId).stream().filter(wanted).toList(), spans -> !spans.isEmpty());
        assertThat(found).as(description).hasSize(1);
        return found.getFirst();
    }
}
