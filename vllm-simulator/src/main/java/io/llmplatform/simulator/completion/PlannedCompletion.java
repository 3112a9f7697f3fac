package io.llmplatform.simulator.completion;

import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.generation.Completion;
import java.util.List;

/** A validated request, ready to run: what each choice will say, what the prompt costs, and its faults. */
record PlannedCompletion(List<Completion> completions, int promptTokens, RequestFault fault) {
}
