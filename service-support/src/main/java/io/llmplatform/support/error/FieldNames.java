package io.llmplatform.support.error;

import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Names rejected fields as the client wrote them: Bean Validation reports Java property names, but the
 * OpenAI-compatible records are snake_case on the wire ({@code maxTokens} is {@code max_tokens}).
 */
final class FieldNames {

    private static final SnakeCase SNAKE_CASE = new SnakeCase();

    static List<FieldViolation> violations(BindingResult result) {
        boolean snakeCase = result.getTarget() != null && isSnakeCase(result.getTarget().getClass());
        return result.getAllErrors().stream()
                .map(error -> new FieldViolation(
                        error instanceof FieldError field ? wireName(field.getField(), snakeCase)
                                : error.getObjectName(),
                        message(error)))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
    }

    /** Violations found by validating a bean by hand; nested paths keep their indexes, like {@code messages[0].role}. */
    static List<FieldViolation> violations(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(violation -> new FieldViolation(wireName(violation.getPropertyPath().toString(),
                        violation.getRootBeanClass() != null && isSnakeCase(violation.getRootBeanClass())),
                        violation.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
    }

    static List<FieldViolation> violations(HandlerMethodValidationException e) {
        return e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldViolation(
                        result.getMethodParameter().getParameterName(), message(error))))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    private static boolean isSnakeCase(Class<?> type) {
        JsonNaming naming = type.getAnnotation(JsonNaming.class);
        return naming != null && PropertyNamingStrategies.SnakeCaseStrategy.class.equals(naming.value());
    }

    private static String wireName(String path, boolean snakeCase) {
        if (!snakeCase) {
            return path;
        }
        return Arrays.stream(path.split("\\."))
                .map(segment -> {
                    int index = segment.indexOf('[');
                    return index < 0 ? SNAKE_CASE.apply(segment)
                            : SNAKE_CASE.apply(segment.substring(0, index)) + segment.substring(index);
                })
                .collect(Collectors.joining("."));
    }

    /** Jackson's own snake_case rule, so names match what the records write. */
    private static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {
        String apply(String name) {
            return translate(name);
        }
    }

    private FieldNames() {
    }
}
