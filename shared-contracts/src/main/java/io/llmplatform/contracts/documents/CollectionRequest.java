package io.llmplatform.contracts.documents;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/v1/collections}: a name of letters, digits, spaces, '.', '_' and '-', 1 to 100 characters. */
public record CollectionRequest(@NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_RULE) String name) {

    public static final String NAME_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}";
    public static final String NAME_RULE =
            "must be 1 to 100 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit";
}
