"""The document benchmark's client side (standard library only), for benchmarks/document-benchmark.sh.

  upload <documents url> <token> <collection> <corpus dir>     uploads every file; prints how many
  await <documents url> <token> <collection> <count> <seconds> waits until all are stored or failed; prints JSON
  embed <embeddings url> <token> <chunks json> <batch> <workers> sends the chunks straight to /v1/embeddings
  wait <prometheus url>                                         prints platform.documents.embedding.wait's sum, count
"""
import json
import os
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

TIMEOUT = 120  # seconds for one call: a batch of chunks on two busy cores


def call(url, token=None, body=None, content_type="application/json"):
    headers = {"Content-Type": content_type} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body is not None else "GET")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read()


def upload(url, token, collection, corpus):
    names = sorted(os.listdir(corpus))
    for name in names:
        boundary = uuid.uuid4().hex
        with open(os.path.join(corpus, name), "rb") as f:
            content = f.read()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        call(f"{url}?collection={collection}", token, body, f"multipart/form-data; boundary={boundary}")
    print(len(names))


def documents(url, token, collection):
    found, page = [], 0
    while True:
        listing = json.loads(call(f"{url}?collection={collection}&size=100&page={page}", token))
        found += listing["items"]
        page += 1
        if page >= listing["totalPages"]:
            return found


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def await_stored(url, token, collection, count, seconds):
    deadline = time.time() + seconds
    while True:
        docs = documents(url, token, collection)
        done = [d for d in docs if d["status"] in ("STORED", "FAILED")]
        if len(docs) >= count and len(done) == len(docs):
            break
        if time.time() > deadline:
            sys.exit(f"{len(done)} of {count} documents done after {seconds} s")
        time.sleep(0.5)
    stored = [d for d in docs if d["status"] == "STORED"]
    first = min(instant(d["createdAt"]) for d in docs)
    last = max(instant(d["updatedAt"]) for d in stored) if stored else first
    print(json.dumps({"documents": len(stored), "failed": len(docs) - len(stored),
                      "failures": sorted({d["failureReason"] for d in docs if d["status"] == "FAILED"}),
                      "pages": sum(d["pages"] or 0 for d in stored if d["mediaType"] == "application/pdf"),
                      "chunks": sum(d["chunks"] or 0 for d in stored), "seconds": last - first}))


def embed(url, token, chunks_file, batch, workers):
    """Each document's chunks in batches of `batch`, as ChunkEmbedder cuts them, `workers` batches in flight."""
    with open(chunks_file) as f:
        by_document = json.load(f)
    batches = [texts[i:i + batch] for texts in by_document for i in range(0, len(texts), batch)]
    lock, latencies = threading.Lock(), []

    def send(texts):
        started = time.perf_counter()
        answer = json.loads(call(url, token, json.dumps({"input": texts}).encode()))
        if len(answer["data"]) != len(texts):
            raise RuntimeError(f"{len(answer['data'])} vectors for {len(texts)} texts")
        with lock:
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(send, batches))
    seconds = time.perf_counter() - started
    chunks = sum(len(b) for b in batches)
    latencies.sort()
    print(json.dumps({"chunks": chunks, "batches": len(batches), "seconds": seconds, "chunksPerSecond": chunks / seconds,
                      "batchP50": latencies[len(latencies) // 2], "batchMax": latencies[-1]}))


def wait(url):
    total, count = 0.0, 0.0
    for line in call(url).decode().splitlines():
        if line.startswith("platform_documents_embedding_wait_seconds_sum{"):
            total += float(line.rsplit(" ", 1)[1])
        elif line.startswith("platform_documents_embedding_wait_seconds_count{"):
            count += float(line.rsplit(" ", 1)[1])
    print(total, int(count))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "upload":
        upload(*args)
    elif command == "await":
        await_stored(args[0], args[1], args[2], int(args[3]), int(args[4]))
    elif command == "embed":
        embed(args[0], args[1], args[2], int(args[3]), int(args[4]))
    elif command == "wait":
        wait(args[0])
    else:
        sys.exit(__doc__)
