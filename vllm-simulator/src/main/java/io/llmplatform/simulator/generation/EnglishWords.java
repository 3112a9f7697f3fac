package io.llmplatform.simulator.generation;

import java.util.List;
import java.util.stream.Stream;

/** The word lists random text is made of; the tokenizer knows each word as one token, as a real vocabulary would. */
public final class EnglishWords {

    static final List<String> ADJECTIVES = List.of("quiet", "bright", "careful", "simple", "steady", "modern",
            "gentle", "clear", "small", "large", "early", "late", "quick", "patient", "useful", "common", "local",
            "remote", "honest", "curious", "silent", "warm", "cold", "green", "golden", "narrow", "open", "busy",
            "calm", "strong");
    static final List<String> NOUNS = List.of("river", "engine", "garden", "teacher", "city", "model", "letter",
            "window", "market", "station", "library", "forest", "team", "signal", "answer", "question", "bridge",
            "system", "village", "machine", "student", "harbor", "message", "journey", "morning", "evening",
            "mountain", "record", "server", "painter");
    static final List<String> VERBS = List.of("builds", "finds", "follows", "carries", "opens", "explains",
            "watches", "changes", "reaches", "remembers", "measures", "protects", "describes", "shares", "prepares",
            "answers", "collects", "improves", "crosses", "records");
    static final List<String> ADVERBS = List.of("quietly", "slowly", "often", "rarely", "gladly", "carefully",
            "suddenly", "always", "finally", "usually");
    static final List<String> PREPOSITIONS = List.of("near", "behind", "across", "under", "beyond", "beside",
            "through", "around", "toward", "after");
    static final List<String> OPENERS = List.of("however", "meanwhile", "today", "sometimes", "later", "indeed",
            "still", "then");
    static final List<String> LINKING = List.of("the", "a", "every", "each", "while", "when", "and", "because");

    private EnglishWords() {
    }

    public static List<String> all() {
        return Stream.of(ADJECTIVES, NOUNS, VERBS, ADVERBS, PREPOSITIONS, OPENERS, LINKING)
                .flatMap(List::stream).toList();
    }
}
