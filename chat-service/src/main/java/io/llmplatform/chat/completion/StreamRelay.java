package io.llmplatform.chat.completion;

import io.llmplatform.chat.upstream.StreamWatchdog;
import io.llmplatform.chat.upstream.UpstreamResponse;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.OpenAiErrorResponse;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.PlatformException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Relays one SSE stream from the model server to the client, chunk by chunk as it arrives. It keeps the latest usage
 * (the model server reports it on every chunk) so a stream that ends early is billed exactly, and hides the usage the
 * client did not ask for. A client that goes away shows as a failed write: the upstream connection is then closed at
 * once, which makes the model server stop generating.
 * <p>
 * vLLM sends its headers before its first token. The client's response starts only with the first chunk, so a model
 * that never starts still gets an ordinary error response (a 504), not a stream that says nothing.
 */
final class StreamRelay {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    /** How the stream ended, what it cost, and when its first token passed. */
    record Outcome(UsageStatus status, Usage usage, long firstTokenNanos) {
    }

    private final JsonMapper json;
    private final StreamWatchdog watchdog;

    StreamRelay(JsonMapper json, StreamWatchdog watchdog) {
        this.json = json;
        this.watchdog = watchdog;
    }

    /** Opens the client's event stream: status and headers, then its body. Called at the first chunk. */
    interface ClientStream {
        OutputStream open() throws IOException;
    }

    Outcome relay(UpstreamResponse upstream, CompletionRequest request, ClientStream stream) {
        LazyClient client = new LazyClient(stream);
        Usage latest = Usage.of(0, 0);
        long firstToken = 0;
        try (StreamWatchdog.Watched watch = watchdog.watch(upstream);
                BufferedReader lines = new BufferedReader(new InputStreamReader(upstream.body(),
                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = readLine(lines, watch)) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    return send(client, DONE) ? new Outcome(UsageStatus.SUCCESS, latest, firstToken)
                            : cancelled(upstream, latest, firstToken);
                }
                ObjectNode chunk = (ObjectNode) json.readTree(data);
                JsonNode usage = chunk.get("usage");
                if (usage != null && !usage.isNull()) {
                    latest = json.treeToValue(usage, Usage.class);
                }
                boolean usageOnly = chunk.path("choices").isArray() && chunk.path("choices").isEmpty();
                if (usageOnly && !request.wantsUsageChunk()) {
                    continue;
                }
                if (firstToken == 0 && carriesToken(chunk)) {
                    firstToken = System.nanoTime();
                }
                if (!usageOnly && usage != null && !request.wantsUsageOnEveryChunk()) {
                    chunk.remove("usage");
                    data = json.writeValueAsString(chunk);
                }
                if (!send(client, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8))) {
                    return cancelled(upstream, latest, firstToken);
                }
            }
            sendError(client, ErrorCode.BAD_GATEWAY, "The model server ended the stream early");
            return new Outcome(UsageStatus.ERROR, latest, firstToken);
        } catch (UpstreamTimeout timeout) {
            if (!client.opened()) {
                throw new PlatformException(ErrorCode.MODEL_TIMEOUT, "The model did not start answering within "
                        + timeout.silence.toSeconds() + " s");
            }
            sendError(client, ErrorCode.MODEL_TIMEOUT, "The model went silent for " + timeout.silence.toSeconds()
                    + " s; the stream was stopped");
            return new Outcome(UsageStatus.ERROR, latest, firstToken);
        } catch (IOException | RuntimeException broken) {
            if (broken instanceof PlatformException platform) {
                throw platform;
            }
            sendError(client, ErrorCode.BAD_GATEWAY, "The model server's stream broke");
            return new Outcome(UsageStatus.ERROR, latest, firstToken);
        }
    }

    private static String readLine(BufferedReader lines, StreamWatchdog.Watched watch) throws IOException {
        try {
            String line = lines.readLine();
            watch.activity();
            return line;
        } catch (IOException e) {
            if (watch.timedOut()) {
                throw new UpstreamTimeout(watch.silence());
            }
            throw e;
        }
    }

    private static boolean carriesToken(JsonNode chunk) {
        JsonNode delta = chunk.path("choices").path(0).path("delta");
        return !delta.path("content").asString("").isEmpty() || delta.has("tool_calls");
    }

    private static Outcome cancelled(UpstreamResponse upstream, Usage usage, long firstToken) {
        upstream.abort();
        return new Outcome(UsageStatus.CANCELLED, usage, firstToken);
    }

    /** False when the client has gone. */
    private static boolean send(LazyClient client, byte[] bytes) {
        try {
            OutputStream out = client.stream();
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    private void sendError(LazyClient client, ErrorCode code, String message) {
        send(client, ("data: " + json.writeValueAsString(OpenAiErrorResponse.of(message, code.openAiType(), null,
                code.code())) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The client's stream, opened by the first write. */
    private static final class LazyClient {
        private final ClientStream opener;
        private OutputStream stream;

        LazyClient(ClientStream opener) {
            this.opener = opener;
        }

        OutputStream stream() throws IOException {
            if (stream == null) {
                stream = opener.open();
            }
            return stream;
        }

        boolean opened() {
            return stream != null;
        }
    }

    private static final class UpstreamTimeout extends RuntimeException {
        private final Duration silence;

        UpstreamTimeout(Duration silence) {
            super("stream silent for " + silence);
            this.silence = silence;
        }
    }
}
