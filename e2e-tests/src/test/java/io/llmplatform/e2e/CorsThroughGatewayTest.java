package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.e2e.GatewayClient.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Browser apps: the configured UI's origin may call the platform, any other may not. */
@ExtendWith(PlatformExtension.class)
class CorsThroughGatewayTest {

    private final GatewayClient gateway;

    CorsThroughGatewayTest(PlatformUnderTest platform) {
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void aPreflightFromTheUisOriginIsAnsweredAtTheEdge() {
        Reply preflight = preflight(PlatformUnderTest.ALLOWED_ORIGIN);

        assertThat(preflight.status()).as("%s", preflight).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(PlatformUnderTest.ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    @Test
    void aPreflightFromAnyOtherOriginIsRefused() {
        Reply preflight = preflight("https://evil.example.net");

        assertThat(preflight.status()).as("%s", preflight).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    private Reply preflight(String origin) {
        return gateway.send(gateway.request("/v1/chat/completions", null)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }
}
