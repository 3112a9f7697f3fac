package io.llmplatform.chat.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.langchain4j.rag.content.Content;
import io.llmplatform.support.PlatformException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptBudgetTest {

    private static final TokenCountEstimator TOKENS = new OpenAiTokenCountEstimator("gpt-4o-mini");
    private final PromptBudget budget = new PromptBudget(TOKENS, new CitingContentInjector());

    private static final SystemMessage SYSTEM = SystemMessage.from("You answer from the user's documents.");
    private static final UserMessage QUESTION = UserMessage.from("How long is the Volga?");

    @Test
    void everythingThatFitsIsKeptWithThePassagesNumberedInRankOrder() {
        List<Content> passages = passages(3, 20);

        PromptBudget.Fitted fitted = budget.fit(List.of(SYSTEM), QUESTION, passages, true, 100, 4096);

        assertThat(fitted.contents()).containsExactlyElementsOf(passages);
        String asked = ((UserMessage) fitted.messages().getLast()).singleText();
        assertThat(asked).startsWith("How long is the Volga?").contains("[1] (doc-0.pdf, page 1)")
                .contains("[3] (doc-2.pdf, page 3)").contains("like [1]");
        assertThat(asked.indexOf("[1]")).isLessThan(asked.indexOf("[2] ("));
        assertThat(fitted.promptTokens()).isEqualTo(TOKENS.estimateTokenCountInMessages(fitted.messages()));
    }

    @Test
    void theLowestRankedPassagesGoFirstAndTheHistoryStays() {
        List<ChatMessage> history = List.of(SYSTEM, UserMessage.from("Tell me about rivers."),
                AiMessage.from("Rivers flow."));
        List<Content> passages = passages(6, 150);
        int withAll = TOKENS.estimateTokenCountInMessages(budget.fit(history, QUESTION, passages, true, 0, 100_000)
                .messages());

        // Room for about four of the six passages.
        PromptBudget.Fitted fitted = budget.fit(history, QUESTION, passages, true, 100, withAll + 100 - 2 * 160);

        assertThat(fitted.contents()).containsExactlyElementsOf(passages.subList(0, fitted.contents().size()));
        assertThat(fitted.contents().size()).isBetween(3, 5);
        assertThat(fitted.messages().subList(0, 3)).containsExactlyElementsOf(history);
        assertThat(fitted.promptTokens() + 100).isLessThanOrEqualTo(withAll + 100 - 2 * 160);
    }

    @Test
    void withNoPassageLeftTheOldestExchangesGoButTheSystemPromptStays() {
        List<ChatMessage> history = List.of(SYSTEM, UserMessage.from("old ".repeat(300)), AiMessage.from("old answer"),
                UserMessage.from("recent question"), AiMessage.from("recent answer"));
        int context = TOKENS.estimateTokenCountInMessages(List.of(SYSTEM, history.get(3), history.get(4), QUESTION))
                + 50;

        PromptBudget.Fitted fitted = budget.fit(history, QUESTION, passages(2, 100), true, 40, context);

        assertThat(fitted.contents()).isEmpty();
        assertThat(fitted.messages()).containsExactly(SYSTEM, history.get(3), history.get(4), QUESTION);
    }

    @Test
    void aClientsOwnMessagesAreNeverDroppedOnlyPassages() {
        List<ChatMessage> history = List.of(UserMessage.from("old ".repeat(300)), AiMessage.from("old answer"));

        PromptBudget.Fitted fitted = budget.fit(history, QUESTION, passages(2, 100), false, 40, 100);

        assertThat(fitted.contents()).isEmpty();
        assertThat(fitted.messages()).containsExactly(history.get(0), history.get(1), QUESTION);
    }

    @Test
    void aQuestionLargerThanTheContextIsContextLengthExceeded() {
        assertThatThrownBy(() -> budget.fit(List.of(SYSTEM), UserMessage.from("word ".repeat(500)), List.of(), true,
                10, 200))
                .isInstanceOfSatisfying(PlatformException.class, failure -> {
                    assertThat(failure.code().code()).isEqualTo("context_length_exceeded");
                    assertThat(failure.param()).isEqualTo("message");
                });
    }

    private static List<Content> passages(int count, int words) {
        return IntStream.range(0, count).mapToObj(i -> Content.from(TextSegment.from(
                ("passage " + i + " ").repeat(words / 2), new Metadata().put("documentId", UUID.randomUUID())
                        .put("documentName", "doc-" + i + ".pdf").put("page", i + 1).put("chunkIndex", i))))
                .toList();
    }
}
