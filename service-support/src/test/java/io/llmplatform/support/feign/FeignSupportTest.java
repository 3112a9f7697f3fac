package io.llmplatform.support.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.auth.TokenClaims;
import io.llmplatform.contracts.client.EmbeddingModelsApi;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.RequestIds;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.llmplatform.testkit.http.StubHttpService;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Feign clients as every service gets them from service-support, against a tiny callee that answers a recorded
 * {@link ModelList}, problem bodies, OpenAI errors and transient failures, and against nothing listening at all.
 */
@SpringBootTest(classes = FeignSupportTest.Caller.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "management.tracing.sampling.probability=1.0",
                "platform.feign.retry.backoff=10ms",
                "platform.feign.circuit-breaker.sliding-window-calls=4",
                "platform.feign.circuit-breaker.minimum-calls=4",
                "platform.feign.circuit-breaker.open-for=30s",
                "spring.cloud.openfeign.client.config.slow-service.read-timeout=300"})
class FeignSupportTest {

    private static final StubHttpService CALLEE = new StubHttpService();
    private static final String PROBLEM = "application/problem+json";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = {EmbeddingService.class, WritingService.class, SlowService.class,
            UnreachableService.class})
    static class Caller {
    }

    @FeignClient(name = "embedding-service", url = "${test.callee}")
    interface EmbeddingService extends EmbeddingModelsApi {
    }

    @FeignClient(name = "writing-service", url = "${test.callee}")
    interface WritingService {
        @PostMapping("/things")
        String create(@RequestBody String thing);
    }

    @FeignClient(name = "slow-service", url = "${test.callee}")
    interface SlowService extends EmbeddingModelsApi {
    }

    @FeignClient(name = "unreachable-service", url = "${test.nothing-listening}")
    interface UnreachableService extends EmbeddingModelsApi {
    }

    @DynamicPropertySource
    static void callees(DynamicPropertyRegistry registry) {
        registry.add("test.callee", CALLEE::url);
        registry.add("test.nothing-listening", () -> "http://127.0.0.1:" + closedPort());
    }

    @Autowired
    private EmbeddingService embeddings;
    @Autowired
    private WritingService writer;
    @Autowired
    private SlowService slow;
    @Autowired
    private UnreachableService unreachable;
    @Autowired
    private ObservationRegistry observations;
    @Autowired
    private Tracer tracer;

    @BeforeEach
    void freshCallee() {
        CALLEE.reset();
    }

    @AfterEach
    void noCaller() {
        SecurityContextHolder.clearContext();
        MDC.clear();
    }

    @AfterAll
    static void stopCallee() {
        CALLEE.close();
    }

    @Autowired
    FeignClientFactory clients;

    @Test
    void everyClientsMessageConvertersAreBuiltBeforeItsFirstCall() {
        // Built lazily, concurrent first calls could find them half-built ("no suitable HttpMessageConverter").
        assertThat(clients.getContextNames()).contains("unreachable-service").allSatisfy(name ->
                assertThat(ReflectionTestUtils.getField(clients.getInstance(name, FeignHttpMessageConverters.class),
                        "converters")).as(name).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty());
    }

    @Test
    void aCallReadsTheCalleesAnswerAndCarriesTheUsersTokenTheRequestIdAndTheTrace() {
        CALLEE.answer(200, "application/json", recorded("embedding-models.json"));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue(
                "the-users-token").header("alg", "ES256").subject("user").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).build()));
        MDC.put(RequestIds.MDC_KEY, "req-42");
        AtomicReference<String> traceId = new AtomicReference<>();

        ModelList models = Observation.createNotStarted("serving-a-request", observations).observe(() -> {
            traceId.set(tracer.currentSpan().context().traceId());
            return embeddings.embeddingModels();
        });

        assertThat(models.data()).extracting(ModelList.Model::id).containsExactly("all-minilm-l6-v2",
                "bge-reranker-base");
        assertThat(models.data().getFirst().maxModelLen()).isEqualTo(256);
        StubHttpService.Received call = CALLEE.received().getFirst();
        assertThat(call.path()).isEqualTo("/api/v1/embeddings/models");
        assertThat(call.header("Authorization")).isEqualTo("Bearer the-users-token");
        assertThat(call.header(RequestIds.HEADER)).isEqualTo("req-42");
        assertThat(call.header("traceparent")).startsWith("00-" + traceId.get() + "-");
    }

    @Test
    void aServiceActingForAUserHasItsInternalHeadersPassedOnWithItsToken() {
        CALLEE.answer(200, "application/json", recorded("embedding-models.json"));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue(
                "chat-services-token").header("alg", "ES256").subject("chat-service")
                .claim(TokenClaims.ROLES, List.of(TokenClaims.ROLE_SERVICE)).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).build()));
        MockHttpServletRequest served = new MockHttpServletRequest();
        served.addHeader(InternalHeaders.USER_ID, "0b7d4f0e-2c51-4b51-9a43-9f7c1c0c1d11");
        served.addHeader(InternalHeaders.API_KEY_ID, "6f1b1a52-3f1e-4c8e-9a4f-2b8f0d0e7a21");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(served));
        try {
            embeddings.embeddingModels();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }

        StubHttpService.Received call = CALLEE.received().getFirst();
        assertThat(call.header("Authorization")).isEqualTo("Bearer chat-services-token");
        assertThat(call.header(InternalHeaders.USER_ID)).isEqualTo("0b7d4f0e-2c51-4b51-9a43-9f7c1c0c1d11");
        assertThat(call.header(InternalHeaders.API_KEY_ID)).isEqualTo("6f1b1a52-3f1e-4c8e-9a4f-2b8f0d0e7a21");
    }

    @Test
    void aUsersRequestPassesNoInternalHeadersOn() {
        CALLEE.answer(200, "application/json", recorded("embedding-models.json"));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue(
                "the-users-token").header("alg", "ES256").subject("user")
                .claim(TokenClaims.ROLES, List.of(TokenClaims.ROLE_USER)).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).build()));
        MockHttpServletRequest served = new MockHttpServletRequest();
        served.addHeader(InternalHeaders.USER_ID, "0b7d4f0e-2c51-4b51-9a43-9f7c1c0c1d11");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(served));
        try {
            embeddings.embeddingModels();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }

        assertThat(CALLEE.received().getFirst().header(InternalHeaders.USER_ID)).isNull();
    }

    @Test
    void outsideARequestNoTokenIsSent() {
        embeddings.embeddingModels();

        assertThat(CALLEE.received().getFirst().header("Authorization")).isNull();
    }

    @Test
    void theCalleesProblemBecomesTheSameErrorForTheCaller() {
        CALLEE.answer(new StubHttpService.Answer(404, PROBLEM, "{\"code\":\"model_not_found\",\"status\":404,"
                + "\"detail\":\"The model 'x' does not exist\"}", Map.of(), Duration.ZERO));

        assertThatThrownBy(() -> embeddings.embeddingModels()).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("The model 'x' does not exist");
        });
        assertThat(CALLEE.received()).as("a 4xx answer is not retried").hasSize(1);
    }

    @Test
    void anOpenAiErrorKeepsItsCodeAndTheCalleesOwnFailureIsABadGateway() {
        CALLEE.answer(400, "application/json", "{\"error\":{\"message\":\"too long\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}");
        CALLEE.answer(500, PROBLEM, "{\"code\":\"internal_error\",\"detail\":\"NullPointerException at line 3\"}");

        assertThatThrownBy(() -> writer.create("a")).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
            assertThat(e.param()).isEqualTo("messages");
        });
        assertThatThrownBy(() -> writer.create("b")).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_GATEWAY);
            assertThat(e.getMessage()).isEqualTo("writing-service failed (500)").doesNotContain("NullPointer");
        });
    }

    @Test
    void aGetIsRetriedAfterTransientAnswersButAPostIsSentOnce() {
        String unavailable = "{\"code\":\"service_unavailable\",\"detail\":\"starting\"}";
        CALLEE.answer(503, PROBLEM, unavailable).answer(503, PROBLEM, unavailable)
                .answer(200, "application/json", recorded("embedding-models.json"));

        assertThat(embeddings.embeddingModels().data()).hasSize(2);
        assertThat(CALLEE.received()).hasSize(3);

        CALLEE.reset();
        CALLEE.answer(new StubHttpService.Answer(503, PROBLEM, unavailable, Map.of("Retry-After", "7"),
                Duration.ZERO));
        assertThatThrownBy(() -> writer.create("c")).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(e.headers().getFirst("Retry-After")).isEqualTo("7");
        });
        assertThat(CALLEE.received()).hasSize(1);
    }

    @Test
    void aSlowCalleeTimesOutAsAGatewayTimeout() {
        CALLEE.answer(new StubHttpService.Answer(200, "application/json", "{}", Map.of(), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> slow.embeddingModels()).isInstanceOfSatisfying(PlatformException.class, e ->
                assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_TIMEOUT));
    }

    @Test
    void anUnreachableCalleeIsUnavailableAndItsOpenCircuitAnswersAtOnce() {
        // Three attempts (two retries) fail; the fourth failure, in the next call, opens the circuit.
        assertThatThrownBy(() -> unreachable.embeddingModels()).isInstanceOfSatisfying(PlatformException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("unreachable-service cannot be reached");
                });

        assertThatThrownBy(() -> unreachable.embeddingModels()).isInstanceOfSatisfying(PlatformException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("paused");
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo("30");
                });
    }

    private static String recorded(String name) {
        try (InputStream in = FeignSupportTest.class.getResourceAsStream("/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
