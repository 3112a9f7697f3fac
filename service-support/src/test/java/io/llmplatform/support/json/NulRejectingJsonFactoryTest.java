package io.llmplatform.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ApiErrorMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NulRejectingJsonFactoryTest {

    private final JsonMapper json = JsonMapper.builder(new NulRejectingJsonFactory()).build();

    @Test
    void aNulInsideARecordIsNamedByItsWirePath() {
        Throwable failure = catchThrowable(() -> json.readValue(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"user\",\"content\":\"a\\u0000b\"}]}", ChatCompletionRequest.class));

        ApiError error = new ApiErrorMapper().map(failure);
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("messages[1].content");
            assertThat(violation.message()).isEqualTo("must not contain the NUL character (\\u0000)");
        });
    }

    @Test
    void aNulIsRefusedInTreesAndMapsAndPropertyNamesToo() {
        assertThat(field(() -> json.readTree("{\"tools\":[{\"function\":{\"name\":\"\\u0000\"}}]}")))
                .isEqualTo("tools[0].function.name");
        assertThat(field(() -> json.readValue("{\"a\":{\"b\\u0000c\":1}}", Map.class))).isEqualTo("a.b\\u0000c");
        assertThat(field(() -> json.readValue("\"\\u0000\"", String.class))).isEqualTo("body");
    }

    @Test
    void everythingElseReadsAsBefore() {
        JsonNode tree = json.readTree("{\"text\":\"tab\\t, escaped \\\\u0000 and emoji \\ud83d\\ude00\"}");

        assertThat(tree.get("text").asString()).isEqualTo("tab\t, escaped \\u0000 and emoji \uD83D\uDE00");
    }

    @Test
    void theServicesJsonMapperIsBuiltOnIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JsonReadingAutoConfiguration.class,
                        JacksonAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(JsonMapper.class).tokenStreamFactory())
                        .isInstanceOf(NulRejectingJsonFactory.class));
    }

    private static String field(Runnable read) {
        Throwable failure = catchThrowable(read::run);
        assertThat(failure).isInstanceOf(NulCharacterException.class);
        return ((NulCharacterException) failure).field();
    }
}
