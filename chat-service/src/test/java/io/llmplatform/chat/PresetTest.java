package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.TestEngines;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PresetTest extends ChatIntegrationTest {

    @Test
    void aUsersPresetStartsConversationsWithItsPromptAndParameters() {
        String presetId = json(post("/api/v1/chat/presets", token, """
                {"name": "Pirate", "systemPrompt": "Answer like a pirate.", "temperature": 0.1, "maxTokens": 20}
                """)).get("id").asString();
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> reply = post("/api/v1/chat", token,
                "{\"message\":\"hello\",\"presetId\":\"" + presetId + "\"}");

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode sent = SIMULATOR.receivedRequests().getLast().json();
        assertThat(sent.at("/messages/0/content").asString()).isEqualTo("Answer like a pirate.");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(20);
    }

    @Test
    void presetsArePrivateToTheirOwner() {
        String presetId = json(post("/api/v1/chat/presets", token, """
                {"name": "Mine", "systemPrompt": "secret"}""")).get("id").asString();
        String stranger = TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER");

        assertThat(call("GET", "/api/v1/chat/presets/" + presetId, stranger, null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/chat/presets/" + presetId, stranger,
                "{\"name\":\"x\",\"systemPrompt\":\"y\"}").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/chat/presets/" + presetId, stranger, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/chat/presets", stranger, null).body()).doesNotContain(presetId);
        assertThat(post("/api/v1/chat", stranger, "{\"message\":\"hi\",\"presetId\":\"" + presetId + "\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdministratorsManageGlobalPresetsWhichEveryoneSees() {
        String admin = TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER", "ADMIN");
        String name = "Global " + UUID.randomUUID();

        HttpResponse<String> byUser = post("/api/v1/chat/presets", token,
                "{\"name\":\"" + name + "\",\"systemPrompt\":\"x\",\"global\":true}");
        String globalId = json(post("/api/v1/chat/presets", admin,
                "{\"name\":\"" + name + "\",\"systemPrompt\":\"Be helpful.\",\"global\":true}")).get("id").asString();

        assertThat(byUser.statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/chat/presets", token, null).body()).contains(globalId);
        assertThat(call("PUT", "/api/v1/chat/presets/" + globalId, token,
                "{\"name\":\"mine\",\"systemPrompt\":\"y\",\"global\":true}").statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/chat/presets/" + globalId, token, null).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/chat/presets/" + globalId, admin, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aDuplicateNameIsAConflictAndABlankPromptIsInvalid() {
        post("/api/v1/chat/presets", token, "{\"name\":\"Twice\",\"systemPrompt\":\"a\"}");

        HttpResponse<String> duplicate = post("/api/v1/chat/presets", token,
                "{\"name\":\"twice\",\"systemPrompt\":\"b\"}");
        HttpResponse<String> blank = post("/api/v1/chat/presets", token, "{\"name\":\"x\",\"systemPrompt\":\" \"}");

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(blank).at("/errors/0/field").asString()).isEqualTo("systemPrompt");
    }
}
