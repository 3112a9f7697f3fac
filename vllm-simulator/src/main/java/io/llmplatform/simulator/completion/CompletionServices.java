package io.llmplatform.simulator.completion;

import io.llmplatform.simulator.engine.InferenceEngine;
import io.llmplatform.simulator.fault.ServingGuard;
import io.llmplatform.simulator.generation.CompletionPlanner;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.model.ServedModels;
import io.llmplatform.simulator.recording.RequestRecorder;
import io.llmplatform.simulator.tokenizer.ChatTemplate;
import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.time.Clock;

/** What the chat and text completion endpoints share. */
public record CompletionServices(
        SimulatorJson json,
        ServingGuard guard,
        RequestRecorder recorder,
        ServedModels models,
        SimulatedTokenizer tokenizer,
        ChatTemplate chatTemplate,
        CompletionPlanner planner,
        InferenceEngine engine,
        int maxModelLen,
        Clock clock) {
}
