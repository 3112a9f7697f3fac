package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.generation.Completion;
import io.llmplatform.simulator.http.SimulatorJson;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.StringNode;

/**
 * A streamed {@code text_completion}: one chunk per token (no role chunk), the finish reason on each choice's last
 * chunk, a usage-only chunk when asked for, then {@code [DONE]}. With {@code echo}, the prompt opens the first chunk.
 */
final class TextStreamOutput extends SseOutput {

    private final SimulatorJson json;
    private final String id;
    private final long created;
    private final String model;
    private final List<String> echoPrefixes;
    private final StreamUsage streamUsage;
    private final ChunkTemplate content;

    TextStreamOutput(Channel channel, SimulatorJson json, String id, long created, String model,
            List<String> echoPrefixes, StreamUsage streamUsage) {
        super(channel);
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
        this.echoPrefixes = echoPrefixes;
        this.streamUsage = streamUsage;
        this.content = new ChunkTemplate(new String(json.write(chunk(0, ChunkTemplate.TEXT_MARKER, null, null, null)),
                StandardCharsets.UTF_8));
    }

    @Override
    public void step(int step) {
        List<Completion> completions = run.completions();
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            int lastStep = run.lastStepOf(i);
            if (step > lastStep) {
                continue;
            }
            String text = (step == 0 ? echoPrefixes.get(i) : "")
                    + (step < completion.completionTokens() ? completion.pieces().get(step) : "");
            Usage usage = streamUsage.continuous() ? Usage.of(run.promptTokens(), step + 1) : null;
            if (step == lastStep || usage != null) {
                String reason = step == lastStep ? completion.finishReason() : null;
                String stop = step == lastStep ? completion.stopReason() : null;
                event(json.write(chunk(i, text, reason, stop, usage)));
            } else if (!text.isEmpty()) {
                content.write(beginEvent(), i, text);
                endEvent();
            }
        }
    }

    @Override
    public void finish(int stepsEmitted, List<String> finishReasons, Usage usage) {
        for (int i = 0; i < finishReasons.size(); i++) {
            if (stepsEmitted <= run.lastStepOf(i)) {
                event(json.write(chunk(i, "", Completion.ABORT, null, null)));
            }
        }
        if (streamUsage.include()) {
            event(json.write(new TextCompletion(id, TextCompletion.OBJECT, created, model, List.of(), usage)));
        }
        done();
    }

    private TextCompletion chunk(int index, String text, String finishReason, String stopReason, Usage usage) {
        return new TextCompletion(id, TextCompletion.OBJECT, created, model, List.of(new TextCompletion.Choice(index,
                text, null, finishReason, stopReason == null ? null : StringNode.valueOf(stopReason))), usage);
    }
}
