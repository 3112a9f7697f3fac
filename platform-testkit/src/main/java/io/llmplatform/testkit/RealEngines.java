package io.llmplatform.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test's application context real engines, started once per test JVM and shared across test
 * classes: Testcontainers when a Docker engine answers, local engines otherwise (see {@link TestEngines}).
 * <ul>
 *   <li>{@link Engine#POSTGRES}: a fresh database for each application context, bound to
 *       {@code spring.datasource.*};</li>
 *   <li>{@link Engine#KAFKA}: {@code spring.kafka.bootstrap-servers};</li>
 *   <li>{@link Engine#REDIS}: {@code spring.data.redis.url} and {@code test-engines.redis.url};</li>
 *   <li>{@link Engine#CHROMA}: {@code test-engines.chroma.url}, for the service's own Chroma property;</li>
 *   <li>{@link Engine#TOKEN_ISSUER}: {@code platform.security.jwks-uri} and {@code .issuer}, so the service accepts
 *       tokens from {@link TestEngines#tokenIssuer()}.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealEngines {

    Engine[] value();
}
