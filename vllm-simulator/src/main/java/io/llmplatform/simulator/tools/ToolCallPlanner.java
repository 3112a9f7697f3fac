package io.llmplatform.simulator.tools;

import io.llmplatform.simulator.generation.Completion;
import io.llmplatform.simulator.generation.PlannedToolCall;
import io.llmplatform.simulator.generation.SamplingParameters;
import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plans a tool call per choice: its arguments are a JSON object valid against the function's {@code parameters},
 * generated token by token like any output, so latency, usage and {@code max_tokens} apply as to text. A call cut by
 * {@code max_tokens} ends with {@code length} and arguments that are not complete JSON, as a real model's would.
 */
public final class ToolCallPlanner {

    private final SimulatedTokenizer tokenizer;

    public ToolCallPlanner(SimulatedTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public List<Completion> plan(ToolChoice choice, SamplingParameters parameters) {
        long baseSeed = parameters.seed() != null ? parameters.seed() : ThreadLocalRandom.current().nextLong();
        List<Completion> completions = new ArrayList<>(parameters.choices());
        for (int index = 0; index < parameters.choices(); index++) {
            String arguments = SchemaValues.generate(choice.function().parameters(), baseSeed + index).toString();
            List<String> pieces = tokenizer.pieces(arguments);
            boolean cut = pieces.size() > parameters.maxTokens();
            completions.add(new Completion(cut ? pieces.subList(0, parameters.maxTokens()) : pieces,
                    cut ? Completion.LENGTH : Completion.STOP, null,
                    new PlannedToolCall(callId(), choice.function().name(), choice.reportedAsToolCalls())));
        }
        return completions;
    }

    /** vLLM's form: {@code chatcmpl-tool-} and 32 hex digits. */
    private static String callId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "chatcmpl-tool-" + HexFormat.of().toHexDigits(random.nextLong())
                + HexFormat.of().toHexDigits(random.nextLong());
    }
}
