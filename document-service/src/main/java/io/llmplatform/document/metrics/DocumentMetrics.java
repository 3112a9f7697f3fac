package io.llmplatform.document.metrics;

import io.llmplatform.contracts.documents.SearchMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * document-service's own meters, under {@code platform.documents.*}: documents ingested by outcome, each document's
 * ingestion time (the run that stored or failed it, not its time in the queue: that is the backlog gauge's), chunks
 * stored, PDF pages parsed, and search time by mode. Every series is registered at start, so a dashboard and an
 * alert see zeros rather than nothing before the first document.
 */
@Component
public class DocumentMetrics {

    /** How an ingestion ended for its document. */
    public enum Outcome { STORED, FAILED }

    private final MeterRegistry meters;
    private final Map<Outcome, Counter> ingested = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Timer> ingestionTime = new EnumMap<>(Outcome.class);
    private final Map<SearchMode, Timer> searchTime = new EnumMap<>(SearchMode.class);
    private final Counter chunksStored;
    private final Counter pagesParsed;

    DocumentMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Outcome outcome : Outcome.values()) {
            String tag = outcome.name().toLowerCase(Locale.ROOT);
            ingested.put(outcome, Counter.builder("platform.documents.ingested").tag("outcome", tag)
                    .description("Documents whose ingestion ended, by outcome").register(meters));
            ingestionTime.put(outcome, Timer.builder("platform.documents.ingestion.duration").tag("outcome", tag)
                    .description("Time to parse, chunk, embed and store one document (the run that ended it)")
                    .publishPercentileHistogram().register(meters));
        }
        for (SearchMode mode : SearchMode.values()) {
            searchTime.put(mode, Timer.builder("platform.documents.search")
                    .tag("mode", mode.name().toLowerCase(Locale.ROOT)).description("Chunk searches, by mode")
                    .publishPercentileHistogram().register(meters));
        }
        chunksStored = Counter.builder("platform.documents.chunks.stored")
                .description("Chunks embedded and stored in the index").register(meters);
        pagesParsed = Counter.builder("platform.documents.pages.parsed").description("PDF pages parsed")
                .register(meters);
    }

    /** Started when a run of a document's ingestion begins; ended by {@link #ingested}. */
    public Timer.Sample ingestionStarted() {
        return Timer.start(meters);
    }

    public void ingested(Timer.Sample run, Outcome outcome) {
        ingested.get(outcome).increment();
        run.stop(ingestionTime.get(outcome));
    }

    public void pagesParsed(Integer pages) {
        if (pages != null && pages > 0) {
            pagesParsed.increment(pages);
        }
    }

    public void chunksStored(int chunks) {
        chunksStored.increment(chunks);
    }

    public Timer searchTimer(SearchMode mode) {
        return searchTime.get(mode);
    }
}
