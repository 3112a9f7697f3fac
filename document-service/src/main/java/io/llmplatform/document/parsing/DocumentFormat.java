package io.llmplatform.document.parsing;

/** The formats documents may have, each with the media type it is reported as. */
public enum DocumentFormat {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    HTML("text/html"),
    MARKDOWN("text/markdown"),
    TEXT("text/plain");

    private final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
