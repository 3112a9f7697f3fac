package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.chat.ChatReply;
import io.llmplatform.contracts.chat.ChatRequest;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A chat UI's conversations: kept for their owner, invisible to everyone else. */
@ExtendWith(PlatformExtension.class)
class ConversationsThroughGatewayTest {

    private final GatewayClient gateway;

    ConversationsThroughGatewayTest(PlatformUnderTest platform) {
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void aConversationKeepsItsHistoryForItsOwnerOnly() {
        User owner = gateway.newUser();
        Reply first = gateway.post("/api/v1/chat", owner.accessToken(), message(null, "Name a river."));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        ChatReply opened = first.as(ChatReply.class);
        assertThat(opened.reply()).isNotBlank();
        Reply second = gateway.post("/api/v1/chat", owner.accessToken(),
                message(opened.conversationId(), "And a longer one?"));
        assertThat(second.status()).as("%s", second).isEqualTo(200);

        String conversation = "/api/v1/conversations/" + opened.conversationId();
        Reply history = gateway.get(conversation + "/messages", owner.accessToken());
        assertThat(history.status()).as("%s", history).isEqualTo(200);
        assertThat(history.json().findValuesAsString("content"))
                .startsWith("Name a river.", opened.reply(), "And a longer one?").hasSize(4);

        User stranger = gateway.newUser();
        assertThat(gateway.get(conversation, stranger.accessToken()).status()).isEqualTo(404);
        assertThat(gateway.get(conversation + "/messages", stranger.accessToken()).status()).isEqualTo(404);
        assertThat(gateway.post("/api/v1/chat", stranger.accessToken(),
                message(opened.conversationId(), "Let me in")).status()).isEqualTo(404);
        Reply strangersList = gateway.get("/api/v1/conversations", stranger.accessToken());
        assertThat(strangersList.status()).as("%s", strangersList).isEqualTo(200);
        assertThat(strangersList.body()).doesNotContain(opened.conversationId().toString());
    }

    private static ChatRequest message(java.util.UUID conversation, String text) {
        return new ChatRequest(conversation, text, PlatformUnderTest.MODEL, null, 12, null, null);
    }
}
