package io.llmplatform.resourceserver;

import io.llmplatform.support.security.Caller;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service like any other on the platform, reduced to one endpoint: it validates tokens through service-support's
 * defaults and answers who the caller is. Kept outside auth-service's package so it is nothing of auth-service's.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ResourceServer.WhoAmI.class)
public class ResourceServer {

    @RestController
    static class WhoAmI {
        @GetMapping("/whoami")
        Map<String, Object> whoami(Caller caller) {
            return Map.of("userId", caller.userId(), "roles", caller.roles());
        }
    }
}
