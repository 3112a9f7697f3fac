package io.llmplatform.support.error;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param openAiPathPrefixes requests under these paths are OpenAI-compatible and get OpenAI's error shape; every
 *     other path gets {@code application/problem+json}
 */
@ConfigurationProperties("platform.errors")
public record ErrorFormatProperties(@DefaultValue("/v1/") List<String> openAiPathPrefixes) {
}
