package io.llmplatform.simulator.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {

    private final ChatTemplate template = new ChatTemplate();
    private final SimulatedTokenizer tokenizer = new SimulatedTokenizer();

    @Test
    void promptCostsItsTextPlusFiveTokensPerMessageAndThreeForTheGenerationPrompt() {
        List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello there"));

        int promptTokens = tokenizer.count(template.render(messages, null, true));

        int textTokens = tokenizer.count("Be brief.") + tokenizer.count("Hello there");
        assertThat(promptTokens).isEqualTo(textTokens + 2 * 5 + 3);
    }

    @Test
    void rendersChatMlThatRealChatModelsUse() {
        String prompt = template.render(List.of(ChatMessage.user("Hi")), null, true);

        assertThat(prompt).isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void toolsCostTokensInASystemSection() {
        List<ChatMessage> messages = List.of(ChatMessage.user("Weather?"));

        int without = tokenizer.count(template.render(messages, null, true));
        int with = tokenizer.count(template.render(messages, "[{\"type\":\"function\"}]", true));

        assertThat(with).isGreaterThan(without + 5);
    }

    @Test
    void echoSourceIsTheLastUserMessage() {
        List<ChatMessage> messages = List.of(ChatMessage.user("first"), ChatMessage.assistant("reply"),
                ChatMessage.user("second"), ChatMessage.assistant("again"));

        assertThat(ChatTemplate.lastUserText(messages)).isEqualTo("second");
    }
}
