package io.llmplatform.support.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.contracts.openai.ChatMessage;
import io.llmplatform.support.PlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ApiErrorMapperTest {

    private final ApiErrorMapper mapper = new ApiErrorMapper();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void wrongTypeNamesTheSnakeCaseFieldAndTheExpectedJsonType() {
        ApiError error = mapper.map(unreadable("{\"messages\": [], \"max_tokens\": \"lots\"}"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(error.param()).isEqualTo("max_tokens");
        assertThat(error.message()).isEqualTo("Field 'max_tokens' must be an integer");
    }

    @Test
    void wrongTypeInsideAnArrayNamesTheElement() {
        ApiError error = mapper.map(unreadable("{\"messages\": [{\"role\": \"user\", \"tool_calls\": 7}]}"));

        assertThat(error.param()).isEqualTo("messages[0].tool_calls");
        assertThat(error.message()).contains("an array");
    }

    @Test
    void brokenJsonSaysWhereWithoutNamingJavaTypes() {
        ApiError error = mapper.map(unreadable("{\n  \"model\": \"m\",\n  \"messages\": [ }"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(error.message()).startsWith("Malformed JSON at line 3").doesNotContain("java", "tools.jackson");
    }

    @Test
    void validationErrorsOnSnakeCaseRecordsUseTheWireNames() throws Exception {
        var request = ChatCompletionRequest.builder().messages(ChatMessage.user("hi")).build();
        var result = new BeanPropertyBindingResult(request, "chatCompletionRequest");
        result.rejectValue("maxCompletionTokens", "Min", "must be at least 1");
        result.rejectValue("messages", "NotEmpty", "must not be empty");
        var parameter = new MethodParameter(getClass().getDeclaredMethod("handler", ChatCompletionRequest.class), 0);

        ApiError error = mapper.map(new MethodArgumentNotValidException(parameter, result));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.violations()).containsExactly(
                new FieldViolation("max_completion_tokens", "must be at least 1"),
                new FieldViolation("messages", "must not be empty"));
        assertThat(error.message()).isEqualTo("2 fields are invalid");
    }

    @Test
    void platformExceptionKeepsItsCodeMessageAndParam() {
        ApiError error = mapper.map(new PlatformException(ErrorCode.CONFLICT, "name taken", "name"));

        assertThat(error).extracting(ApiError::code, ApiError::message, ApiError::param)
                .containsExactly(ErrorCode.CONFLICT, "name taken", "name");
    }

    @Test
    void methodNotAllowedKeepsTheAllowHeader() {
        ApiError error = mapper.map(new HttpRequestMethodNotSupportedException("DELETE", List.of("GET", "POST")));

        assertThat(error.code()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(error.headers().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
    }

    @Test
    void unexpectedFailureHidesItsMessage() {
        ApiError error = mapper.map(new IllegalStateException("password=hunter2 at db-7"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(error.message()).doesNotContain("hunter2", "db-7");
    }

    private HttpMessageNotReadableException unreadable(String body) {
        JacksonException failure = catchThrowableOfType(JacksonException.class,
                () -> json.readValue(body, ChatCompletionRequest.class));
        return new HttpMessageNotReadableException("unreadable", failure,
                new MockHttpInputMessage(body.getBytes()));
    }

    @SuppressWarnings("unused")
    private void handler(ChatCompletionRequest request) {
    }
}
