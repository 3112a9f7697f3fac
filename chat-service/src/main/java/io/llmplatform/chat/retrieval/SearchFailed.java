package io.llmplatform.chat.retrieval;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.util.Set;

/** document-service's search failed: unavailable (retrieval degrades) or refused the request (passed on). */
final class SearchFailed extends RuntimeException {

    /** What document-service answers about the caller's own request, which another try would not change. */
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_REQUEST,
            ErrorCode.NOT_FOUND, ErrorCode.QUOTA_EXCEEDED);

    private final PlatformException cause;

    SearchFailed(PlatformException cause) {
        super(cause.getMessage(), cause, false, false);
        this.cause = cause;
    }

    PlatformException cause() {
        return cause;
    }

    boolean unavailable() {
        return !REFUSALS.contains(cause.code());
    }
}
