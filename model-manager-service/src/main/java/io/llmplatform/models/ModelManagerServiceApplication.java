package io.llmplatform.models;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** Model profiles, GPU inventory, compatibility, switching jobs and live vLLM status. */
@SpringBootApplication
@EnableFeignClients
public class ModelManagerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ModelManagerServiceApplication.class, args);
    }
}
