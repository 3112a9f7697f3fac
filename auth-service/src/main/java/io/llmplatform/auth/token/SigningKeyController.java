package io.llmplatform.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SigningKeyController {

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    /** The public keys of the active and still-valid retired signing keys. Cached briefly so rotation shows fast. */
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(new JWKSet(keys.current().published()).toJSONObject(true));
    }

    /** Rotates the signing key now: tokens already issued stay valid. */
    @PostMapping("/api/v1/admin/signing-keys/rotate")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> rotate() {
        return Map.of("activeKeyId", keys.rotate().active().getKeyID());
    }
}
