package io.llmplatform.support.servlet;

import io.llmplatform.support.error.ErrorBodyFactory;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Puts the {@link PlatformErrorReportValve} where Tomcat, and Spring Boot before it, put their HTML one. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ErrorReportValve.class, ConfigurableTomcatWebServerFactory.class})
class TomcatErrorReportConfiguration {

    @Bean
    PlatformErrorReportCustomizer platformErrorReport(ErrorBodyFactory bodies, JsonMapper json) {
        return new PlatformErrorReportCustomizer(bodies, json);
    }

    /** Runs after Boot's own customizer, which adds its HTML report valve. */
    static final class PlatformErrorReportCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        private final ErrorBodyFactory bodies;
        private final JsonMapper json;

        PlatformErrorReportCustomizer(ErrorBodyFactory bodies, JsonMapper json) {
            this.bodies = bodies;
            this.json = json;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> useOnly(new PlatformErrorReportValve(bodies, json),
                    (Host) context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void useOnly(PlatformErrorReportValve valve, Host host) {
        for (Valve existing : host.getPipeline().getValves()) {
            if (existing instanceof ErrorReportValve) {
                host.getPipeline().removeValve(existing);
            }
        }
        host.getPipeline().addValve(valve);
        // Tomcat adds a report valve of this class at start unless the pipeline holds one.
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(PlatformErrorReportValve.class.getName());
        }
    }
}
