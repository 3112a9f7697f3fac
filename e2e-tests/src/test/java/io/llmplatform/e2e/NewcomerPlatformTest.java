package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.llmplatform.contracts.auth.RegisterRequest;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.usage.UsageReport;
import io.llmplatform.e2e.GatewayClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's proof: {@code ./platform up} run as a newcomer runs it, on the default ports and embedded engines. It
 * waits for the ready message, then a user registers, logs in and chats through the gateway with the OpenAI SDK and
 * sees their usage; Ctrl-C (SIGTERM) stops everything, and the next start keeps the user.
 */
class NewcomerPlatformTest {

    private static final URI GATEWAY = URI.create("http://localhost:8080");
    private static final Pattern READY = Pattern.compile("The LLM platform is ready \\(([0-9.]+) s\\)");
    private static final Duration FIRST_START = Duration.ofMinutes(6);
    private static final Duration STOP = Duration.ofMinutes(2);

    private final GatewayClient gateway = new GatewayClient(GATEWAY);
    private final Path repository = Path.of(System.getProperty("platform.repository", "..")).toAbsolutePath()
            .normalize();
    private final Path work = repository.resolve("e2e-tests/target/newcomer");

    @Test
    void platformUpServesAUserStopsCleanlyAndKeepsTheirDataForTheNextStart() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        String email = "newcomer@example.com";
        String password = "plum orbit lantern 7";

        Process first = platformUp("first-start.log");
        try {
            System.out.println("first start ready in " + awaitReady(first, "first-start.log") + " s");
            theBannersCurlExampleChats(log("first-start.log"));
            Reply registered = gateway.post("/api/v1/auth/register", null,
                    new RegisterRequest(email, "newcomer", password));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String token = gateway.login(email, password).accessToken();

            ChatCompletion completion = OpenAIOkHttpClient.builder().baseUrl(GATEWAY + "/v1").apiKey(token)
                    .maxRetries(0).build().chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("default").addUserMessage("Hello!").maxCompletionTokens(16).build());
            assertThat(completion.choices().getFirst().message().content()).isPresent();
            long spent = completion.usage().orElseThrow().totalTokens();

            UsageReport usage = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> usage(token), report -> report.totals().requests() == 1);
            assertThat(usage.totals().totalTokens()).isEqualTo(spent);
        } finally {
            stop(first, "first-start.log");
        }
        assertThat(log("first-start.log")).contains("Stopped. Data kept in");

        Process second = platformUp("second-start.log");
        try {
            System.out.println("second start ready in " + awaitReady(second, "second-start.log") + " s");
            TokenResponse again = gateway.login(email, password);
            assertThat(usage(again.accessToken()).totals().requests())
                    .as("the usage recorded before the restart").isEqualTo(1);
        } finally {
            stop(second, "second-start.log");
        }
        assertThat(log("second-start.log")).as("a restart prints no errors (Kafka's state-change log stays quiet)")
                .doesNotContain("ERROR");
    }

    /** The banner names the generated administrator, and its copy-paste example works as printed. */
    private void theBannersCurlExampleChats(String banner) throws Exception {
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(work.resolve("data").resolve("secrets.properties"))) {
            secrets.load(in);
        }
        String password = secrets.getProperty("ADMIN_PASSWORD");
        assertThat(password).as("a generated password, not a default").hasSizeGreaterThanOrEqualTo(16);
        assertThat(banner).contains("Gateway      " + GATEWAY, GATEWAY + "/swagger-ui.html",
                secrets.getProperty("ADMIN_EMAIL") + " / " + password);

        String example = banner.substring(banner.indexOf("Log in and chat with curl:"),
                banner.indexOf("Or with the OpenAI Python SDK"));
        Process curl = new ProcessBuilder("bash", "-c", example.lines().skip(1).map(String::strip)
                .reduce("", (script, line) -> script + line + "\n")).redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes());
        assertThat(curl.waitFor()).as(answer).isZero();
        assertThat(GatewayClient.JSON.readTree(answer).path("choices").get(0).path("message").path("content")
                .asString()).as(answer).isNotBlank();
    }

    private Process platformUp(String logName) throws IOException {
        return new ProcessBuilder("bash", repository.resolve("platform").toString(), "up", "--data-dir",
                work.resolve("data").toString())
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(logName).toFile())
                .start();
    }

    /** Waits for the ready message and returns the start-up time it reports. */
    private String awaitReady(Process platform, String logName) {
        return await().atMost(FIRST_START).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!platform.isAlive()) {
                throw new AssertionError("./platform up exited with " + platform.exitValue() + ":\n" + log(logName));
            }
            Matcher ready = READY.matcher(log(logName));
            return ready.find() ? ready.group(1) : null;
        }, seconds -> seconds != null);
    }

    /** Ctrl-C: SIGTERM to the launcher, which stops the services, then the engines. */
    private void stop(Process platform, String logName) throws Exception {
        platform.destroy();
        if (!platform.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            platform.destroyForcibly();
            throw new AssertionError("./platform did not stop within " + STOP + ":\n" + log(logName));
        }
    }

    private UsageReport usage(String token) {
        Reply reply = gateway.get("/api/v1/usage", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.as(UsageReport.class);
    }

    private String log(String name) throws IOException {
        return Files.readString(work.resolve(name));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
