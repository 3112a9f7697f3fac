package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Model management through the gateway: the OpenAI SDK lists the models, an administrator switches the pool's model
 * and chat answers from the new one without any restart, and a plain user may not switch.
 */
@ExtendWith(PlatformExtension.class)
class ModelsThroughGatewayTest {

    private static final String NEW_MODEL = "Qwen/Qwen2-7B-Instruct";

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    ModelsThroughGatewayTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void theOpenAiSdkListsTheModelThePoolServes() {
        User user = gateway.newUser();

        var ids = sdk(user.accessToken()).models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains(platform.simulator().servedModel());
    }

    @Test
    void anAdministratorSwitchesThePoolAndChatAnswersFromTheNewModel() {
        String admin = gateway.login(platform.secrets().adminEmail(), platform.secrets().adminPassword())
                .accessToken();
        User user = gateway.newUser();

        Reply accepted = gateway.post("/api/v1/models/switch", admin, Map.of("profileId", "qwen2-7b-instruct"));

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        String job = accepted.json().get("id").asString();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.get("/api/v1/models/switch/" + job, user.accessToken()).json(),
                        state -> state.get("state").asString().matches("READY|FAILED"));
        assertThat(done.get("state").asString()).as("%s", done).isEqualTo("READY");
        assertThat(platform.simulator().servedModel()).isEqualTo(NEW_MODEL);

        ChatCompletion answer = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> sdk(user.accessToken()).chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(NEW_MODEL).addUserMessage("Which model are you?").maxCompletionTokens(8).build()),
                        completion -> completion != null);
        assertThat(answer.model()).isEqualTo(NEW_MODEL);
        assertThat(platform.simulator().receivedRequests()).anySatisfy(request -> assertThat(request.body())
                .contains("\"model\":\"" + NEW_MODEL + "\"").contains("Which model are you?"));
        ChatCompletion byDefault = sdk(user.accessToken()).chat().completions().create(ChatCompletionCreateParams
                .builder().model(PlatformUnderTest.MODEL).addUserMessage("And now?").maxCompletionTokens(4).build());
        assertThat(byDefault.model()).as("the default name follows its pool").isEqualTo(NEW_MODEL);
        assertThat(sdk(user.accessToken()).models().list().data()).extracting(Model::id).contains(NEW_MODEL);
    }

    @Test
    void aPlainUsersSwitchIsForbidden() {
        User user = gateway.newUser();

        Reply refused = gateway.post("/api/v1/models/switch", user.accessToken(),
                Map.of("profileId", "phi-3-mini-4k-instruct"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("forbidden");
    }

    private OpenAIClient sdk(String bearer) {
        return OpenAIOkHttpClient.builder().baseUrl(platform.gateway() + "/v1").apiKey(bearer).maxRetries(0)
                .build();
    }
}
