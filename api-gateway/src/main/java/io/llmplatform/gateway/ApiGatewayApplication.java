package io.llmplatform.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The edge every UI app and OpenAI SDK talks to: routing, authentication, limits and resilience. */
@SpringBootApplication
public class ApiGatewayApplication {

    /**
     * Reactor Netty's event loops, shared by the server and the proxy's client. Its default is at least four; with
     * fewer cores than that (a gateway pod of one or two) the extra loops only add thread switches and hand-offs
     * between loops: on two cores, two loops served the same load with about half the CPU per request.
     */
    private static final String EVENT_LOOPS_PROPERTY = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        System.getProperties().putIfAbsent(EVENT_LOOPS_PROPERTY,
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        SpringApplication.run(ApiGatewayApplication.class, args);
    }
}
