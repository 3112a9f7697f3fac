package io.llmplatform.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** Every line is byte for byte what Spring Boot's own ECS format writes, whatever the event holds. */
class EcsLogFormatterTest {

    @Test
    void aPlainLineIsBootsEcsLine() {
        assertSameAsBoot(environment(), event -> { });
    }

    @Test
    void idsKeyValuesErrorsAndMarkersAreWrittenAsBootWritesThem() {
        assertSameAsBoot(environment(), event -> {
            event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "requestId", "r-1"));
            event.addKeyValuePair(new KeyValuePair("status", 200));
            event.addKeyValuePair(new KeyValuePair("durationMs", 1.25));
            event.addKeyValuePair(new KeyValuePair("path", "/v1/chat/\"completions\"\n"));
            event.addMarker(MarkerFactory.getMarker("audit"));
        });
    }

    @Test
    void anErrorWithItsStackTraceIsBootsErrorObject() {
        assertSameAsBoot(environment(), event -> { }, new IllegalStateException("boom", new RuntimeException("why")));
    }

    @Test
    void bootsJsonCustomizationsApply() {
        MockEnvironment environment = environment()
                .withProperty("logging.structured.json.exclude", "process.thread")
                .withProperty("logging.structured.json.rename.message", "msg")
                .withProperty("logging.structured.json.stacktrace.max-length", "100");
        assertSameAsBoot(environment, event -> event.addKeyValuePair(new KeyValuePair("userId", "u")),
                new IllegalArgumentException("bad"));
    }

    private static void assertSameAsBoot(MockEnvironment environment, Consumer<LoggingEvent> details) {
        assertSameAsBoot(environment, details, null);
    }

    private static void assertSameAsBoot(MockEnvironment environment, Consumer<LoggingEvent> details,
            Throwable thrown) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), environment);
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.llmplatform.test"), Level.WARN,
                "answered {} in {} ms", thrown, new Object[] {"caf\u00e9 \ud83d\ude00", 12});
        event.setInstant(Instant.parse("2026-11-21T05:00:00.123456789Z"));
        event.setThreadName("reactor-http-epoll-1");
        details.accept(event);

        String boot = new String(encoder(context, "ecs").encode(event), StandardCharsets.UTF_8);
        String ours = new String(encoder(context, EcsLogFormatter.class.getName()).encode(event),
                StandardCharsets.UTF_8);

        assertThat(ours).isEqualTo(boot).contains("\"ecs\":{\"version\"");
        if (thrown != null) {
            assertThat(ours).contains(thrown.getClass().getName());
        }
    }

    private static StructuredLogEncoder encoder(LoggerContext context, String format) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        return encoder;
    }

    private static MockEnvironment environment() {
        return new MockEnvironment().withProperty("spring.application.name", "chat-service")
                .withProperty("spring.application.version", "1.2.3")
                .withProperty("spring.application.pid", "4242")
                .withProperty("logging.structured.ecs.service.environment", "test");
    }

}
