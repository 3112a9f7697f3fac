package io.llmplatform.testkit.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.llmplatform.contracts.auth.TokenClaims;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for auth-service in other services' tests: real ES256 keys published at a real JWKS endpoint on
 * loopback, and tokens signed with the newest, so a service's whole token validation runs as in production.
 * {@link #rotate()} adds a key and keeps the old ones published, as auth-service keeps retired keys while their
 * tokens live. Counts the JWKS reads and can fail the next ones.
 */
public final class TestTokenIssuer implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;
    private final List<ECKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksReads = new AtomicInteger();
    private final AtomicInteger failingReads = new AtomicInteger();

    private TestTokenIssuer(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        rotate();
    }

    public static TestTokenIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestTokenIssuer issuer = new TestTokenIssuer(server);
            server.createContext("/.well-known/jwks.json", exchange -> {
                issuer.jwksReads.incrementAndGet();
                if (issuer.failingReads.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                byte[] jwks = issuer.publicJwks().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    public String issuer() {
        return issuer;
    }

    /** The public half of every key so far, as the JWKS endpoint answers. */
    public String publicJwks() {
        return new JWKSet(keys.stream().<JWK>map(ECKey::toPublicJWK).toList()).toString();
    }

    /** The next {@code reads} reads of the JWKS fail with 503, as while auth-service starts. */
    public void failNextReads(int reads) {
        failingReads.set(reads);
    }

    public int jwksReads() {
        return jwksReads.get();
    }

    /** A new signing key: tokens are signed with it from now on. */
    public void rotate() {
        keys.add(newKey());
    }

    /** A valid 15-minute access token for {@code userId} with {@code roles} (e.g. "USER", "ADMIN"). */
    public String tokenFor(UUID userId, String... roles) {
        return sign(claimsFor(userId, roles).build());
    }

    /**
     * A valid client-credentials token of the platform service {@code clientId}, as auth-service issues them: its
     * subject is the client id and its only role {@code SERVICE}.
     */
    public String serviceToken(String clientId) {
        return sign(claims(clientId, List.of(TokenClaims.ROLE_SERVICE)).build());
    }

    /** Claims of a valid token, to adjust before {@link #sign(JWTClaimsSet)}. */
    public JWTClaimsSet.Builder claimsFor(UUID userId, String... roles) {
        return claims(userId.toString(), List.of(roles));
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(TokenClaims.PLATFORM_AUDIENCE)
                .subject(subject)
                .claim(TokenClaims.ROLES, roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, keys.getLast());
    }

    /** Signed by a key the JWKS never published. */
    public String signWithUnpublishedKey(JWTClaimsSet claims) {
        return sign(claims, newKey());
    }

    private static String sign(JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
