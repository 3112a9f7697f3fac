package io.llmplatform.testkit.conformance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints imported into a service only by its conformance test, so the service's real error handling can be
 * driven with a JSON body, a validated field and a crash. Works on Spring MVC and WebFlux alike.
 */
@RestController
public class ConformanceProbeController {

    static final String SECRET_DETAIL = "jdbc:postgresql://internal-db-7:5432 refused the password";

    public record ProbeRequest(@NotBlank String name, @Min(1) @Max(10) Integer count, List<String> tags) {
    }

    @PostMapping({"/conformance-probe", "/v1/conformance-probe"})
    public ProbeRequest echo(@Valid @RequestBody ProbeRequest request) {
        return request;
    }

    @GetMapping({"/conformance-probe/failure", "/v1/conformance-probe/failure"})
    public String failure() {
        throw new IllegalStateException(SECRET_DETAIL);
    }
}
