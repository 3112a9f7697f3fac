package io.llmplatform.chat.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * LangChain4j's content injector with a prompt that numbers the passages and asks the model to cite them as
 * {@code [1]}: passage {@code n} here is the source whose {@code citation} is {@code n} in the reply.
 */
final class CitingContentInjector extends DefaultContentInjector {

    static final PromptTemplate CITING_TEMPLATE = PromptTemplate.from("""
            {{userMessage}}

            Answer using the numbered passages from the user's documents below. Cite every passage you use by its \
            number in square brackets, like [1] or [2][3]. If the passages do not contain the answer, say so \
            rather than guessing.

            {{contents}}""");

    CitingContentInjector() {
        super(CITING_TEMPLATE);
    }

    @Override
    protected String format(List<Content> contents) {
        return IntStream.range(0, contents.size())
                .mapToObj(i -> "[" + (i + 1) + "] " + origin(contents.get(i).textSegment().metadata()) + "\n"
                        + contents.get(i).textSegment().text())
                .collect(Collectors.joining("\n\n"));
    }

    /** Where a passage comes from, as a reader would cite it: {@code (guide.pdf, page 3)}. */
    private static String origin(Metadata metadata) {
        StringBuilder origin = new StringBuilder("(");
        String name = metadata.getString(DocumentContentRetriever.DOCUMENT_NAME);
        origin.append(name != null ? name : "document");
        Integer page = metadata.getInteger(DocumentContentRetriever.PAGE);
        if (page != null) {
            origin.append(", page ").append(page);
        }
        String heading = metadata.getString(DocumentContentRetriever.HEADING);
        if (heading != null) {
            origin.append(", ").append(heading);
        }
        return origin.append(')').toString();
    }
}
