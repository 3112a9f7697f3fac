package io.llmplatform.simulator.generation;

import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Decides, before any token is sent, the whole text of each choice: its tokens come from the content mode, and end
 * as vLLM ends them: at a stop string (not included in the text unless asked), at {@code max_tokens}
 * ({@code length}), or at the content's natural end ({@code stop}).
 */
public final class CompletionPlanner {

    private final SimulatedTokenizer tokenizer;
    private final ContentMode mode;
    private final int meanOutputTokens;

    public CompletionPlanner(SimulatedTokenizer tokenizer, ContentMode mode, int meanOutputTokens) {
        this.tokenizer = tokenizer;
        this.mode = mode;
        this.meanOutputTokens = meanOutputTokens;
    }

    /** One completion per choice; {@code echoText} is what the echo mode repeats. */
    public List<Completion> plan(String echoText, SamplingParameters parameters) {
        List<Completion> completions = new ArrayList<>(parameters.choices());
        List<String> echoPieces = mode == ContentMode.ECHO ? tokenizer.pieces(echoText) : null;
        long baseSeed = parameters.seed() != null ? parameters.seed() : ThreadLocalRandom.current().nextLong();
        for (int choice = 0; choice < parameters.choices(); choice++) {
            Iterator<String> tokens = echoPieces != null
                    ? echoTokens(echoPieces, parameters.ignoreEos())
                    : new RandomTextTokens(baseSeed + choice, meanOutputTokens, parameters.ignoreEos());
            completions.add(generate(tokens, parameters));
        }
        return completions;
    }

    private static Completion generate(Iterator<String> tokens, SamplingParameters parameters) {
        List<String> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (pieces.size() < parameters.maxTokens() && tokens.hasNext()) {
            String piece = tokens.next();
            pieces.add(piece);
            text.append(piece);
            StopMatch match = findStop(text, piece.length(), parameters.stop());
            if (match != null) {
                int cut = parameters.includeStopStrInOutput() ? match.index() + match.stop().length() : match.index();
                return new Completion(cutPieces(pieces, cut), Completion.STOP, match.stop());
            }
        }
        // The end-of-sequence token is a token too: text that fills max_tokens exactly still ends by length.
        boolean naturalEnd = pieces.size() < parameters.maxTokens() && !tokens.hasNext();
        return new Completion(pieces, naturalEnd ? Completion.STOP : Completion.LENGTH, null);
    }

    /** The echoed text once, or, with {@code ignore_eos}, over and over until {@code max_tokens}. */
    private static Iterator<String> echoTokens(List<String> pieces, boolean ignoreEos) {
        if (!ignoreEos || pieces.isEmpty()) {
            return pieces.iterator();
        }
        return Stream.generate(() -> pieces).flatMap(List::stream).iterator();
    }

    /** The earliest stop string that ends within the newest piece, as vLLM checks after each token. */
    private static StopMatch findStop(StringBuilder text, int newestPieceLength, List<String> stops) {
        StopMatch earliest = null;
        for (String stop : stops) {
            int from = Math.max(0, text.length() - newestPieceLength - stop.length() + 1);
            int index = text.indexOf(stop, from);
            if (index >= 0 && (earliest == null || index < earliest.index())) {
                earliest = new StopMatch(stop, index);
            }
        }
        return earliest;
    }

    private static List<String> cutPieces(List<String> pieces, int cut) {
        List<String> kept = new ArrayList<>(pieces.size());
        int position = 0;
        for (String piece : pieces) {
            int keep = Math.max(0, Math.min(piece.length(), cut - position));
            kept.add(piece.substring(0, keep));
            position += piece.length();
        }
        return kept;
    }

    private record StopMatch(String stop, int index) {
    }
}
