package io.llmplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.llmplatform.auth.config.AuthProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign access tokens, kept in the database so every replica signs with the same key. Exactly
 * one key is active; rotation (on schedule or on demand) retires it and activates a new one. A retired key stays
 * published in the JWKS for as long as a token it signed can still be valid, so rotation rejects nothing.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long ROTATION_LOCK = 0x4c4c4d4b45595321L;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** The key that signs now, and the public keys a token may have been signed with. */
    public record KeyRing(ECKey active, List<JWK> published) {
    }

    private final JdbcClient jdbc;
    private final KeyEncryption encryption;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration rotationPeriod;
    private final Duration publishRetiredFor;
    private final ConcurrentMap<String, ECKey> decrypted = new ConcurrentHashMap<>();
    private volatile KeyRing ring;
    private volatile Instant lastReload = Instant.EPOCH;

    SigningKeys(JdbcClient jdbc, KeyEncryption encryption, TransactionTemplate transaction, AuthProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.transaction = transaction;
        this.clock = clock;
        this.rotationPeriod = properties.keyRotationPeriod();
        Duration longestTokenLife = List.of(properties.accessTokenTtl(), properties.apiKeyTokenTtl(),
                properties.serviceTokenTtl()).stream().max(Duration::compareTo).orElseThrow();
        this.publishRetiredFor = longestTokenLife.plus(CLOCK_SKEW);
    }

    public KeyRing current() {
        KeyRing current = ring;
        return current != null ? current : reload();
    }

    /** Reloads at most once a second: a token with an unknown key id may come from a key just rotated elsewhere. */
    public KeyRing reloadIfStale() {
        if (Duration.between(lastReload, clock.instant()).compareTo(Duration.ofSeconds(1)) > 0) {
            return reload();
        }
        return current();
    }

    @Scheduled(fixedDelayString = "${platform.auth.key-refresh-interval:PT30S}")
    public synchronized KeyRing reload() {
        Instant now = clock.instant();
        List<StoredKey> keys = load(now);
        if (keys.stream().noneMatch(StoredKey::active)) {
            createFirstKey();
            keys = load(now);
        }
        StoredKey active = keys.stream().filter(StoredKey::active).findFirst().orElseThrow();
        List<JWK> published = keys.stream().map(StoredKey::publicJwk).toList();
        ring = new KeyRing(privateKey(active), published);
        lastReload = now;
        return ring;
    }

    /** Retires the active key and activates a new one, across every replica. */
    public KeyRing rotate() {
        transaction.executeWithoutResult(status -> {
            lock();
            retireActive();
            insertNewKey();
        });
        log.info("Rotated the token signing key");
        return reload();
    }

    @Scheduled(fixedDelayString = "${platform.auth.key-rotation-check-interval:PT10M}", initialDelayString = "PT1M")
    void rotateWhenDue() {
        Boolean rotated = transaction.execute(status -> {
            lock();
            Instant activeSince = jdbc.sql("select created_at from signing_keys where retired_at is null")
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(Instant.EPOCH);
            if (activeSince.plus(rotationPeriod).isAfter(clock.instant())) {
                return false;
            }
            retireActive();
            insertNewKey();
            return true;
        });
        if (Boolean.TRUE.equals(rotated)) {
            log.info("Rotated the token signing key after {}", rotationPeriod);
            reload();
        }
    }

    private void createFirstKey() {
        transaction.executeWithoutResult(status -> {
            lock();
            boolean exists = jdbc.sql("select count(*) from signing_keys where retired_at is null")
                    .query(Long.class).single() > 0;
            if (!exists) {
                insertNewKey();
            }
        });
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
    }

    private void retireActive() {
        jdbc.sql("update signing_keys set retired_at = ? where retired_at is null")
                .param(Timestamp.from(clock.instant())).update();
    }

    private void insertNewKey() {
        String kid = UUID.randomUUID().toString();
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
            jdbc.sql("""
                    insert into signing_keys (kid, algorithm, public_jwk, private_key_ciphertext, created_at)
                    values (?, ?, ?, ?, ?)
                    """)
                    .params(kid, JWSAlgorithm.ES256.getName(), key.toPublicJWK().toJSONString(),
                            encryption.encrypt(key.toECPrivateKey().getEncoded(), kid),
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private List<StoredKey> load(Instant now) {
        return jdbc.sql("""
                        select kid, public_jwk, private_key_ciphertext, retired_at from signing_keys
                        where retired_at is null or retired_at > ? order by created_at desc
                        """)
                .param(Timestamp.from(now.minus(publishRetiredFor)))
                .query((rs, row) -> new StoredKey(rs.getString("kid"), rs.getString("public_jwk"),
                        rs.getBytes("private_key_ciphertext"), rs.getTimestamp("retired_at") == null))
                .list();
    }

    private ECKey privateKey(StoredKey stored) {
        return decrypted.computeIfAbsent(stored.kid(), kid -> {
            try {
                byte[] pkcs8 = encryption.decrypt(stored.ciphertext(), kid);
                var privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new ECKey.Builder(ECKey.parse(stored.publicJson())).privateKey(privateKey).build();
            } catch (GeneralSecurityException | ParseException e) {
                throw new IllegalStateException("cannot read signing key " + kid, e);
            }
        });
    }

    private record StoredKey(String kid, String publicJson, byte[] ciphertext, boolean active) {
        JWK publicJwk() {
            try {
                return JWK.parse(publicJson);
            } catch (ParseException e) {
                throw new IllegalStateException("stored public key " + kid + " is not a JWK", e);
            }
        }
    }
}
