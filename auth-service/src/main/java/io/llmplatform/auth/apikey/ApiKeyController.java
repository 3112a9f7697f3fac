package io.llmplatform.auth.apikey;

import io.llmplatform.contracts.auth.AccessToken;
import io.llmplatform.contracts.auth.ApiKeyCreateRequest;
import io.llmplatform.contracts.auth.ApiKeyCreated;
import io.llmplatform.contracts.auth.ApiKeyExchangeRequest;
import io.llmplatform.contracts.auth.ApiKeyView;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ApiKeyController {

    private final ApiKeyService apiKeys;

    ApiKeyController(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping("/api/v1/auth/api-keys")
    ResponseEntity<ApiKeyCreated> create(@Valid @RequestBody ApiKeyCreateRequest request, Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(apiKeys.create(caller.userId(), request));
    }

    @GetMapping("/api/v1/auth/api-keys")
    List<ApiKeyView> list(Caller caller) {
        return apiKeys.list(caller.userId());
    }

    @DeleteMapping("/api/v1/auth/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, Caller caller) {
        apiKeys.revoke(caller.userId(), id);
        return ResponseEntity.noContent().build();
    }

    /** For the gateway only (a service token): not routed to the outside. */
    @PostMapping("/internal/v1/api-keys/exchange")
    @PreAuthorize("hasRole('SERVICE')")
    ResponseEntity<AccessToken> exchange(@Valid @RequestBody ApiKeyExchangeRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(apiKeys.exchange(request.apiKey()));
    }
}
