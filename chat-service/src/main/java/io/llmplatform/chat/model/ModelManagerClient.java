package io.llmplatform.chat.model;

import io.llmplatform.contracts.client.ModelRoutesApi;
import org.springframework.cloud.openfeign.FeignClient;

@FeignClient(name = "model-manager", url = "${platform.chat.model-manager-url}")
interface ModelManagerClient extends ModelRoutesApi {
}
