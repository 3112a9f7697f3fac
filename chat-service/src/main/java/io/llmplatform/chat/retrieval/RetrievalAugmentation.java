package io.llmplatform.chat.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.transformer.CompressingQueryTransformer;
import dev.langchain4j.rag.query.transformer.DefaultQueryTransformer;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.chat.upstream.ModelServerClient;
import io.llmplatform.chat.usage.UsageRecorder;
import io.llmplatform.contracts.chat.RagOptions;
import io.llmplatform.contracts.chat.Retrieval;
import io.llmplatform.contracts.chat.Source;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.quota.QuotaAdmission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Makes a conversation turn's or a completion's prompt: retrieval through LangChain4j's
 * {@link DefaultRetrievalAugmentor} (a query transformer that makes a follow-up question stand alone, the
 * document-service retriever, the citing injector), then {@link PromptBudget} to fit the model's context.
 * <p>
 * document-service failing (unreachable, slow, its own 5xx, an open circuit) does not fail the answer: it is given
 * without the documents, with {@code retrieval.status} {@code unavailable}, unless the caller required sources
 * (503 {@code retrieval_unavailable}). A 4xx from document-service is the caller's request and is passed on.
 * Each retrieval is the {@code chat.retrieval} observation (a span, and the {@code chat_retrieval_seconds} timer)
 * and counts in {@code chat_retrieval_requests_total} by outcome.
 */
@Component
public class RetrievalAugmentation {

    private final DocumentSearchClient documents;
    private final ModelServerClient modelServers;
    private final QuotaAdmission quota;
    private final UsageRecorder usage;
    private final TokenCountEstimator tokens;
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final ChatProperties.Retrieval settings;
    private final CitingContentInjector injector = new CitingContentInjector();
    private final PromptBudget budget;

    RetrievalAugmentation(DocumentSearchClient documents, ModelServerClient modelServers, QuotaAdmission quota,
            UsageRecorder usage, TokenCountEstimator tokens, ObservationRegistry observations, MeterRegistry meters,
            ChatProperties properties) {
        this.documents = documents;
        this.modelServers = modelServers;
        this.quota = quota;
        this.usage = usage;
        this.tokens = tokens;
        this.observations = observations;
        this.meters = meters;
        this.settings = properties.retrieval();
        this.budget = new PromptBudget(tokens, injector);
    }

    public PreparedPrompt prepare(PromptRequest request) {
        RagOptions rag = request.rag();
        Retrieved retrieved = rag == null ? new Retrieved(List.of(), null) : retrieve(request);
        int answerTokens = request.maxTokens() != null ? request.maxTokens() : settings.answerReserveTokens();
        PromptBudget.Fitted fitted = budget.fit(request.history(), request.question(), retrieved.contents(),
                request.mayDropHistory(), answerTokens, request.model().contextTokens());
        if (rag != null && rag.sourcesRequired() && fitted.contents().isEmpty()) {
            throw new PlatformException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, "No passage fits the model's context "
                    + "beside this message and its history", "message");
        }
        return new PreparedPrompt(fitted.messages(), fitted.promptTokens(), sources(fitted.contents()),
                retrieved.retrieval());
    }

    private record Retrieved(List<Content> contents, Retrieval retrieval) {
    }

    private Retrieved retrieve(PromptRequest request) {
        Observation observation = Observation.createNotStarted("chat.retrieval", observations)
                .contextualName("chat retrieval").start();
        String outcome = "failed";
        try (Observation.Scope scope = observation.openScope()) {
            List<Content> contents = augmentor(request).augment(new AugmentationRequest(request.question(),
                    dev.langchain4j.rag.query.Metadata.from(request.question(), request.memoryId(),
                            request.history()))).contents();
            outcome = contents.isEmpty() ? "empty" : "used";
            if (contents.isEmpty() && request.rag().sourcesRequired()) {
                throw new PlatformException(ErrorCode.NO_SOURCES,
                        "No passage of your documents matches this message", "message");
            }
            return new Retrieved(contents, contents.isEmpty() ? Retrieval.empty() : Retrieval.used());
        } catch (SearchFailed failed) {
            if (!failed.unavailable()) {
                outcome = "refused";
                throw failed.cause();
            }
            outcome = "unavailable";
            observation.error(failed.cause());
            if (request.rag().sourcesRequired()) {
                throw new PlatformException(ErrorCode.RETRIEVAL_UNAVAILABLE, "Sources were required, but your "
                        + "documents cannot be searched right now: " + failed.cause().getMessage(), null,
                        failed.cause()).withHeader("Retry-After", "5");
            }
            return new Retrieved(List.of(), Retrieval.unavailable(failed.cause().getMessage()));
        } finally {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
            Counter.builder("chat.retrieval.requests").tag("outcome", outcome).register(meters).increment();
        }
    }

    private RetrievalAugmentor augmentor(PromptRequest request) {
        return DefaultRetrievalAugmentor.builder()
                .queryTransformer(queryTransformer(request))
                .contentRetriever(new FailureMarkingRetriever(new DocumentContentRetriever(documents, request.rag(),
                        settings.searchMode())))
                .contentInjector(injector)
                // On the request's thread: the user's token is forwarded from its security context.
                .executor(Runnable::run)
                .build();
    }

    /** With history, and unless turned off, a follow-up is rewritten to stand alone: one short model call. */
    private QueryTransformer queryTransformer(PromptRequest request) {
        boolean followUp = request.history().stream().anyMatch(message -> !(message
                instanceof dev.langchain4j.data.message.SystemMessage));
        if (!settings.queryCompression() || !followUp) {
            return new DefaultQueryTransformer();
        }
        QueryTransformer compressing = new CompressingQueryTransformer(new QueryCompressionModel(modelServers,
                quota, usage, tokens, request.model(), request.caller(), request.requestId(),
                settings.compressionMaxTokens()));
        return query -> {
            try {
                return compressing.transform(query);
            } catch (PlatformException refused) {
                // The model refusing the rewrite (a long history overflowing its context) costs the follow-up its
                // rewrite, not its answer; a model that is down fails the turn as the answer would.
                if (refused.code().status() >= 500) {
                    throw refused;
                }
                return List.of(query);
            } catch (IllegalArgumentException emptyRewrite) {
                // LangChain4j refuses a blank query: the model answered the rewrite with nothing.
                return List.of(query);
            }
        };
    }

    private static List<Source> sources(List<Content> contents) {
        return IntStream.range(0, contents.size()).mapToObj(i -> {
            Content content = contents.get(i);
            Metadata metadata = content.textSegment().metadata();
            Object score = content.metadata().get(ContentMetadata.SCORE);
            return new Source(i + 1, metadata.getUUID(DocumentContentRetriever.DOCUMENT_ID),
                    metadata.getString(DocumentContentRetriever.DOCUMENT_NAME),
                    metadata.getString(DocumentContentRetriever.COLLECTION),
                    metadata.getInteger(DocumentContentRetriever.PAGE),
                    metadata.getString(DocumentContentRetriever.HEADING),
                    metadata.getInteger(DocumentContentRetriever.CHUNK_INDEX),
                    content.textSegment().text(), score instanceof Number number ? number.doubleValue() : 0);
        }).toList();
    }
}
