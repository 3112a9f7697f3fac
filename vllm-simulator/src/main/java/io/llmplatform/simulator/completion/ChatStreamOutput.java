package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.generation.Completion;
import io.netty.channel.Channel;
import java.util.List;

/**
 * A streamed chat completion, event by event as vLLM sends it: a role chunk per choice, one chunk per token (chunks
 * whose text a stop string emptied are skipped, as vLLM skips empty deltas; a tool call's tokens are deltas of its
 * arguments), the finish reason on each choice's last chunk, then a usage-only chunk when usage was asked for, then
 * {@code [DONE]}.
 */
final class ChatStreamOutput extends SseOutput {

    private final ChatChunks chunks;
    private final StreamUsage streamUsage;

    ChatStreamOutput(Channel channel, ChatChunks chunks, StreamUsage streamUsage) {
        super(channel);
        this.chunks = chunks;
        this.streamUsage = streamUsage;
    }

    @Override
    public void step(int step) {
        List<Completion> completions = run.completions();
        if (step == 0) {
            for (int i = 0; i < completions.size(); i++) {
                event(chunks.role(i));
            }
        }
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            int lastStep = run.lastStepOf(i);
            if (step > lastStep) {
                continue;
            }
            String text = step < completion.completionTokens() ? completion.pieces().get(step) : "";
            if (completion.toolCall() != null) {
                event(chunks.toolCall(i, completion.toolCall(), step == 0, text,
                        step == lastStep ? completion.reportedFinishReason(completion.finishReason()) : null,
                        streamUsage.continuous() ? Usage.of(run.promptTokens(), step + 1) : null));
            } else if (streamUsage.continuous()) {
                event(chunks.contentWithUsage(i, text, step == lastStep ? completion.finishReason() : null,
                        Usage.of(run.promptTokens(), step + 1)));
            } else if (step == lastStep) {
                event(chunks.last(i, text, completion.finishReason(), completion.stopReason()));
            } else if (!text.isEmpty()) {
                chunks.writeContent(beginEvent(), i, text);
                endEvent();
            }
        }
    }

    @Override
    public void finish(int stepsEmitted, List<String> finishReasons, Usage usage) {
        if (stepsEmitted == 0) {
            for (int i = 0; i < finishReasons.size(); i++) {
                event(chunks.role(i));
            }
        }
        for (int i = 0; i < finishReasons.size(); i++) {
            if (stepsEmitted <= run.lastStepOf(i)) {
                event(chunks.last(i, "", Completion.ABORT, null));
            }
        }
        if (streamUsage.include()) {
            event(chunks.usage(usage));
        }
        done();
    }
}
