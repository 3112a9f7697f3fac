package io.llmplatform.chat.completion;

import io.llmplatform.chat.upstream.StreamWatchdog;
import io.llmplatform.support.upstream.UpstreamResponse;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.OpenAiErrorResponse;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

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

    private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE_DATA = "[DONE]".getBytes(StandardCharsets.US_ASCII);
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

    /** @param firstChunk what becomes of the first chunk relayed (the platform's extension fields go there) */
    Outcome relay(UpstreamResponse upstream, CompletionRequest request, ClientStream stream,
            UnaryOperator<byte[]> firstChunk) {
        LazyClient client = new LazyClient(stream);
        Usage latest = Usage.of(0, 0);
        long firstToken = 0;
        try (StreamWatchdog.Watched watch = watchdog.watch(upstream);
                SseLines lines = new SseLines(upstream.body())) {
            byte[] data;
            while ((data = readData(lines, watch)) != null) {
                if (Arrays.equals(data, DONE_DATA)) {
                    return send(client, DONE, true) ? new Outcome(UsageStatus.SUCCESS, latest, firstToken)
                            : cancelled(upstream, latest, firstToken);
                }
                StreamChunk chunk = StreamChunk.read(json, data);
                if (chunk.usage() != null) {
                    latest = chunk.usage();
                }
                if (chunk.usageOnly() && !request.wantsUsageChunk()) {
                    continue;
                }
                if (firstToken == 0 && chunk.carriesToken()) {
                    firstToken = System.nanoTime();
                }
                byte[] relayed = !chunk.usageOnly() && chunk.hasUsageField() && !request.wantsUsageOnEveryChunk()
                        ? chunk.withoutUsage() : chunk.bytes();
                if (!client.opened()) {
                    relayed = firstChunk.apply(relayed);
                }
                // Chunks that already arrived together leave together: one flush for all of them.
                if (!send(client, event(relayed), lines.nothingBuffered())) {
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

    /** The next event's data, or null at the end of the stream; lines other than {@code data:} are skipped. */
    private static byte[] readData(SseLines lines, StreamWatchdog.Watched watch) throws IOException {
        try {
            byte[] line;
            while ((line = lines.next()) != null) {
                watch.activity();
                if (SseLines.isData(line)) {
                    return SseLines.dataOf(line);
                }
            }
            return null;
        } catch (IOException e) {
            if (watch.timedOut()) {
                throw new UpstreamTimeout(watch.silence());
            }
            throw e;
        }
    }

    private static byte[] event(byte[] data) {
        byte[] event = new byte[DATA_PREFIX.length + data.length + 2];
        System.arraycopy(DATA_PREFIX, 0, event, 0, DATA_PREFIX.length);
        System.arraycopy(data, 0, event, DATA_PREFIX.length, data.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }

    private static Outcome cancelled(UpstreamResponse upstream, Usage usage, long firstToken) {
        upstream.abort();
        return new Outcome(UsageStatus.CANCELLED, usage, firstToken);
    }

    /** False when the client has gone. */
    private static boolean send(LazyClient client, byte[] bytes, boolean flush) {
        try {
            OutputStream out = client.stream();
            out.write(bytes);
            if (flush) {
                out.flush();
            }
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    private void sendError(LazyClient client, ErrorCode code, String message) {
        send(client, event(json.writeValueAsBytes(OpenAiErrorResponse.of(message, code.openAiType(), null,
                code.code()))), true);
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
