package io.llmplatform.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.contracts.auth.TokenClaims;
import io.llmplatform.support.security.AccessTokenValidation;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service validates tokens for its own endpoints straight from its key ring, with the same rules every other
 * service applies through the JWKS: no HTTP call to itself.
 */
@Configuration(proxyBeanMethods = false)
class KeyRingJwtDecoder {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties) {
        JWKSource<SecurityContext> keyRing = (JWKSelector selector, SecurityContext context) -> {
            List<JWK> matches = selector.select(new JWKSet(keys.current().published()));
            return matches.isEmpty()
                    ? selector.select(new JWKSet(keys.reloadIfStale().published()))
                    : matches;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keyRing));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(AccessTokenValidation.validator(properties.issuer(), TokenClaims.PLATFORM_AUDIENCE));
        return decoder;
    }
}
