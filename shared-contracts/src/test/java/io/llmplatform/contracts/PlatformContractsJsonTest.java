package io.llmplatform.contracts;

import static io.llmplatform.contracts.Payloads.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlatformContractsJsonTest {

    @Test
    void usageEventRoundTripsWithIsoTimeAndIgnoresFieldsAddedLater() {
        UsageEvent event = new UsageEvent(UUID.randomUUID(), Instant.parse("2026-11-20T10:15:30.123Z"), "chat-service",
                "req-1", UUID.randomUUID(), null, "qwen", 120, 40, 850L, 95L, UsageStatus.SUCCESS);

        String json = MAPPER.writeValueAsString(event);
        JsonNode tree = MAPPER.readTree(json);
        String withNewField = json.substring(0, json.length() - 1) + ",\"cachedTokens\":7}";

        assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-11-20T10:15:30.123Z");
        assertThat(tree.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(MAPPER.readValue(json, UsageEvent.class)).isEqualTo(event);
        assertThat(MAPPER.readValue(withNewField, UsageEvent.class)).isEqualTo(event);
        assertThat(event.totalTokens()).isEqualTo(160);
    }

    @Test
    void problemBodyCarriesCodeTraceAndFieldErrors() {
        ProblemBody problem = ProblemBody.of(ErrorCode.VALIDATION_FAILED, "1 field is invalid", "/api/v1/chat",
                "4bf92f3577b34da6a3ce929d0e0e4736", "req-7",
                List.of(new ProblemBody.FieldViolation("message", "must not be blank")));

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(problem));

        assertThat(written.get("type").asString()).isEqualTo("urn:llm-platform:problem:validation_failed");
        assertThat(written.get("status").asInt()).isEqualTo(400);
        assertThat(written.get("code").asString()).isEqualTo("validation_failed");
        assertThat(written.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(written.at("/errors/0/field").asString()).isEqualTo("message");
        assertThat(MAPPER.readValue(written.toString(), ProblemBody.class)).isEqualTo(problem);
    }

    @Test
    void problemWithoutFieldErrorsOmitsTheMember() {
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(
                ProblemBody.of(ErrorCode.NOT_FOUND, "No such path", "/nope", null, "r", List.of())));

        assertThat(written.has("errors")).isFalse();
        assertThat(written.has("traceId")).isFalse();
    }

    @Test
    void everyErrorCodeIsUniqueLowerSnakeCaseAndReadsBack() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::code).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
        assertThat(Arrays.stream(ErrorCode.values())).allSatisfy(code -> {
            assertThat(ErrorCode.fromCode(code.code())).isSameAs(code);
            assertThat(code.status()).isBetween(400, 599);
        });
        assertThatThrownBy(() -> ErrorCode.fromCode("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusWithoutSpecificCodeMapsToTheGenericOne() {
        assertThat(ErrorCode.forStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.forStatus(418)).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(ErrorCode.forStatus(414)).isEqualTo(ErrorCode.URI_TOO_LONG);
        assertThat(ErrorCode.forStatus(431)).isEqualTo(ErrorCode.HEADER_TOO_LARGE);
        assertThat(ErrorCode.forStatus(507)).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(ErrorCode.forStatus(503).openAiType()).isEqualTo("server_error");
        assertThat(ErrorCode.UNAUTHORIZED.openAiType()).isEqualTo("authentication_error");
    }
}
