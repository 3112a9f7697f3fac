package io.llmplatform.support.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.nio.charset.Charset;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's Elastic Common Schema log lines, field for field (the services' default {@code LOG_FORMAT}), turned
 * into bytes in one step. Boot 4.0's own ECS formatter encodes each line one character at a time through an
 * {@code OutputStreamWriter} (spring-boot#49428); with an access-log line per request that was a tenth of the
 * gateway's CPU. {@code EcsLogFormatterTest} holds the output to Boot's. Drop this class once Boot's is fixed.
 */
public final class EcsLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

    private static final JsonWriter.PairExtractor<KeyValuePair> KEY_VALUE_PAIRS =
            JsonWriter.PairExtractor.of(pair -> pair.key, pair -> pair.value);

    public EcsLogFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizer) {
        super(members -> members(members, environment, stackTracePrinter, contextPairs, throwableProxyConverter),
                customizer.nested().build());
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    private static void members(JsonWriter.Members<ILoggingEvent> members, Environment environment,
            StackTracePrinter stackTracePrinter, ContextPairs contextPairs, ThrowableProxyConverter converter) {
        members.add("@timestamp", ILoggingEvent::getInstant);
        members.add("log").usingMembers(log -> {
            log.add("level", ILoggingEvent::getLevel);
            log.add("logger", ILoggingEvent::getLoggerName);
        });
        members.add("process").usingMembers(process -> {
            process.add("pid", environment.getProperty("spring.application.pid", Long.class)).whenNotNull();
            process.add("thread").usingMembers(thread -> thread.add("name", ILoggingEvent::getThreadName));
        });
        ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
        members.add("message", ILoggingEvent::getFormattedMessage);
        members.add().usingPairs(contextPairs.nested(pairs -> {
            pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
            pairs.add(ILoggingEvent::getKeyValuePairs, KEY_VALUE_PAIRS);
        }));
        members.add().whenNotNull(ILoggingEvent::getThrowableProxy).usingMembers(thrown -> thrown.add("error")
                .usingMembers(error -> {
                    error.add("type", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getClassName);
                    error.add("message", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getMessage);
                    error.add("stack_trace", event -> stackTrace(event, stackTracePrinter, converter));
                }));
        members.add("tags", ILoggingEvent::getMarkerList).whenNotNull().as(EcsLogFormatter::names).whenNotEmpty();
        members.add("ecs").usingMembers(ecs -> ecs.add("version", "8.11"));
    }

    private static String stackTrace(ILoggingEvent event, StackTracePrinter printer, ThrowableProxyConverter converter) {
        if (printer != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
            return printer.printStackTraceToString(proxy.getThrowable());
        }
        return converter.convert(event);
    }

    private static Set<String> names(List<Marker> markers) {
        Set<String> names = new TreeSet<>();
        markers.forEach(marker -> addWithReferences(names, marker));
        return names;
    }

    private static void addWithReferences(Set<String> names, Marker marker) {
        names.add(marker.getName());
        marker.iterator().forEachRemaining(reference -> addWithReferences(names, reference));
    }
}
