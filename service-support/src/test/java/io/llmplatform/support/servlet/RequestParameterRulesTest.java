package io.llmplatform.support.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = SmallestService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=smallest-service")
@RealEngines(Engine.TOKEN_ISSUER)
@Import(RequestParameterRulesTest.Listings.class)
class RequestParameterRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @RestController
    static class Listings {

        @GetMapping({"/api/v1/things", "/v1/things"})
        String list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                @RequestParam(required = false) String q) {
            return page + "/" + size;
        }

        @GetMapping("/api/v1/pageable-things")
        String pageable(Pageable pageable) {
            return pageable.getPageNumber() + "/" + pageable.getPageSize();
        }

        @GetMapping("/api/v1/search")
        String search(@RequestParam String q) {
            return q;
        }

        @PostMapping(path = "/api/v1/form", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        String form(@RequestParam String name) {
            return name;
        }
    }

    @Test
    void pageAndSizeWithinTheirBoundsReachTheRoute() {
        ResponseEntity<String> response = get("/api/v1/things?page=1000000&size=100");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("1000000/100");
    }

    @Test
    void aPageOrSizeOutsideItsBoundsIsAValidationProblemNamingIt() {
        assertRefused("/api/v1/things?page=2147483647", "page", "must be an integer from 0 to 1000000");
        assertRefused("/api/v1/things?page=99999999999999999999999", "page", "must be an integer from 0 to 1000000");
        assertRefused("/api/v1/things?page=-1", "page", "must be an integer from 0 to 1000000");
        assertRefused("/api/v1/things?page=two", "page", "must be an integer from 0 to 1000000");
        assertRefused("/api/v1/things?size=0", "size", "must be an integer from 1 to 100");
        assertRefused("/api/v1/things?size=101", "size", "must be an integer from 1 to 100");
        assertRefused("/api/v1/pageable-things?size=100000", "size", "must be an integer from 1 to 100");
    }

    @Test
    void onTheOpenAiPathsTheParameterIsOpenAisParam() {
        ResponseEntity<String> response = get("/v1/things?size=1000");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.getBody()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("validation_failed");
        assertThat(error.get("param").asString()).isEqualTo("size");
    }

    @Test
    void aRouteThatDoesNotPageIgnoresPagingParameters() {
        assertThat(get("/api/v1/search?q=tea&page=huge").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aNulCharacterInAQueryOrFormValueIsAValidationProblemNamingTheParameter() {
        assertRefused("/api/v1/search?q=a%00b", "q", "must not contain the NUL character (\\u0000)");
        assertRefused("/api/v1/things?q=%00", "q", "must not contain the NUL character (\\u0000)");

        ResponseEntity<String> form = client().post().uri("/api/v1/form")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("name=ada%00")
                .retrieve().toEntity(String.class);
        assertThat(form.getStatusCode().value()).isEqualTo(400);
        assertThat(JSON.readTree(form.getBody()).at("/errors/0/field").asString()).isEqualTo("name");
    }

    private void assertRefused(String target, String field, String problem) {
        ResponseEntity<String> response = get(target);

        assertThat(response.getStatusCode().value()).as(target + " " + response.getBody()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("code").asString()).isEqualTo("validation_failed");
        assertThat(body.at("/errors/0/field").asString()).isEqualTo(field);
        assertThat(body.at("/errors/0/message").asString()).isEqualTo(problem);
    }

    private ResponseEntity<String> get(String target) {
        // As given: a URI template would encode the '%' of %00 again.
        return client().get().uri(URI.create("http://localhost:" + port + target)).retrieve()
                .toEntity(String.class);
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(),
                        "USER"))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
