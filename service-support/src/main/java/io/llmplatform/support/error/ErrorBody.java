package io.llmplatform.support.error;

import org.springframework.http.MediaType;

/** An error ready to write: status, content type and the body object to serialise. */
public record ErrorBody(int status, MediaType contentType, Object body) {
}
