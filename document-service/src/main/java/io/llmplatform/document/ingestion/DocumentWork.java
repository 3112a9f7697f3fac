package io.llmplatform.document.ingestion;

import io.llmplatform.document.index.IndexedDocument;
import io.llmplatform.document.parsing.DocumentFormat;

/** What a worker needs to ingest a document. */
record DocumentWork(IndexedDocument document, DocumentFormat format) {
}
