#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).

Usage: make_seeds.py [INDEX_DIR [LONG_LISTS_INDEX_DIR]]  (indexes built by `nsearch index`: the
first e.g. of seeds/, ideally one segment with some deletions; the second of many documents over a
few words, one segment (--threads 1), so that its posting lists span several 128-document
blocks, which a small corpus's never do). Without INDEX_DIR, writes only the corpora that need
no index (http, codec). Multi-file
inputs are parts of fixed32 little-endian length plus bytes, as tests/fuzz/fuzz_input.h splits
them.
"""
import glob
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def pack(parts):
    return b"".join(struct.pack("<I", len(p)) + p for p in parts)


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# fuzz_http inputs: byte 0 is the kind of request (BuildRequest in fuzz_http.cc), the rest fills it.
GET_SEARCH, POST_SEARCH, POST_DOCUMENTS, DELETE_DOCUMENT, GET_DOC = 1, 2, 3, 4, 5
RAW = 0
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]


def structured(method, target, headers, body, auth=False):
    kind = 6 + 8 * METHODS.index(method) + (0x80 if auth else 0)
    return bytes([kind]) + pack([target, headers, body])


HTTP_SEEDS = {
    "search_get": bytes([GET_SEARCH]) + b"q=mutual+defense&limit=3",
    "search_get_fields": bytes([GET_SEARCH]) + b"q=korea&offset=2&fields=id,score&explain=true",
    "search_get_phrase": bytes([GET_SEARCH]) + b"q=%22mutual defense%22 -trade&mode=phrase",
    "search_get_bad": bytes([GET_SEARCH]) + b"q=x&limit=abc&bogus=1",
    "search_post": bytes([POST_SEARCH]) + b'{"q":"korea","limit":2,"offset":1,"fields":["id"]}',
    "search_post_explain": bytes([POST_SEARCH]) + b'{"query":"treaty OR pact","explain":true}',
    "search_post_bad": bytes([POST_SEARCH]) + b'{"q":"x","limit":-1,"fields":[1]}',
    "documents_post": bytes([POST_DOCUMENTS])
    + b'{"id":"c","title":"Gamma","body":"zebra crossing","date":"2024-06-01"}\n{broken\n',
    "documents_delete": bytes([DELETE_DOCUMENT]) + b"004_7550fd385f871b0d",
    "documents_delete_traversal": bytes([DELETE_DOCUMENT]) + b"../MANIFEST",
    "doc_get": bytes([GET_DOC]) + b"004_7550fd385f871b0d",
    "doc_get_traversal": bytes([GET_DOC]) + b"..%2f..%2fetc%2fpasswd",
    "raw_health": bytes([RAW]) + b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
    "raw_chunked": bytes([RAW])
    + b"POST /search HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b'9\r\n{"q":"a"}\r\n0\r\n\r\n',
    "raw_gzip": bytes([RAW])
    + b"POST /search HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd",
    "raw_expect": bytes([RAW])
    + b"POST /search HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n"
    + b'{"q":"a"}',
    "raw_range": bytes([RAW]) + b"GET /stats HTTP/1.0\r\nRange: bytes=0-5,x\r\n\r\n",
    "raw_dotdot": bytes([RAW]) + b"GET /../../etc/passwd HTTP/1.1\r\n\r\n",
    # Found by fuzzing: cpp-httplib takes "HEAD" as the method of this broken request line and
    # answers without a body (the harness had expected one).
    "raw_head_malformed": bytes([RAW]) + b"HEAD\r\nContent-Length: 91\r\n ",
    "put_search": structured("PUT", b"search", b"X-A: b\r\n", b"body"),
    "head_page": structured("HEAD", b"", b"", b""),
    "options_docs": structured("OPTIONS", b"docs/x", b"Origin: http://evil\r\n", b""),
    "post_documents_keyed": structured(
        "POST", b"documents", b"Content-Type: application/x-ndjson\r\n",
        b'{"id":"z","body":"zebra"}\n', auth=True),
}


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append(v & 0x7F | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def codec_seeds():
    """Inputs of fuzz_codec: framed blocks (a plain token 0..32 then 16 * width payload bytes; or
    0x80 | width, a count e, e (index, high) pairs, then the payload) and varint runs (0xc0 +
    count, then the varints), as fuzz_codec.cc reads them. One seed per width, blocks with
    exceptions, blocks chained as a posting list's, and varint tails."""
    import random
    rng = random.Random(20261206)
    seeds = {}
    for bits in range(33):
        seeds["block_w%02d" % bits] = bytes([bits]) + rng.randbytes(16 * bits)

    def patched(bits, count):
        top = 1 << min(8, 32 - bits)  # high << bits must fit in 32 bits
        pairs = b"".join(
            bytes([i, rng.randrange(1, top)]) for i in sorted(rng.sample(range(128), count)))
        return bytes([0x80 | bits, count]) + pairs + rng.randbytes(16 * bits)

    for bits, count in ((0, 1), (4, 3), (9, 32), (31, 2)):
        seeds["block_exceptions_w%02d_e%02d" % (bits, count)] = patched(bits, count)
    seeds["chain"] = b"".join(bytes([b]) + rng.randbytes(16 * b) for b in (7, 0, 32, 1, 13))
    seeds["chain"] += patched(6, 5) + bytes([2]) + rng.randbytes(32)
    tail = [0, 1, 127, 128, 16383, 16384, 2**21, 2**28 - 1, 2**28, 2**32 - 1]
    seeds["varints"] = bytes([0xC0 | len(tail)]) + b"".join(varint(v) for v in tail)
    seeds["block_then_varints"] = bytes([5]) + rng.randbytes(80) + seeds["varints"]
    seeds["varint_too_long"] = bytes([0xC1]) + b"\xff\xff\xff\xff\x1f"
    return seeds


def write_long_lists_jsonl(path):
    """The documents of LONG_LISTS_INDEX_DIR: 600 of three common words and a rare fourth, some
    long, so that lists span several blocks and the rare word's widely varying gaps give
    position chunks with exceptions."""
    import json
    import random
    rng = random.Random(600)
    words = ["alpha", "beta", "gamma"]
    with open(path, "w") as f:
        for i in range(600):
            n = rng.choice([3, 8, 20, 60, 300]) if i % 9 else 900
            body = " ".join(rng.choice(words) if rng.random() > 0.02 else "delta" for _ in range(n))
            f.write(json.dumps({"id": "d%03d" % i, "title": "", "body": body}) + "\n")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--long-lists-jsonl":
        write_long_lists_jsonl(sys.argv[2])
        return
    for name, data in HTTP_SEEDS.items():
        write("http", name, data)
    for name, data in codec_seeds().items():
        write("codec", name, data)
    if len(sys.argv) < 2:
        return
    files = segment_files(sys.argv[1])
    write("segment", "index", pack(files))
    write("postings", "segment", pack([files[1], files[2], files[3]]))
    write("doc_store", "store", files[6])
    if len(sys.argv) > 2:
        long_lists = segment_files(sys.argv[2])
        write("postings", "long_lists", pack([long_lists[1], long_lists[2], long_lists[3]]))


def segment_files(index):
    """MANIFEST, then the first segment's tdict, post, pos, len, ids and store, then its newest
    deletions file (empty when it has none)."""
    seg = sorted(glob.glob(os.path.join(index, "seg_*.tdict")))[0][: -len(".tdict")]
    read = lambda path: open(path, "rb").read() if os.path.exists(path) else b""
    dels = sorted(glob.glob(seg + ".*.del"))
    return [read(os.path.join(index, "MANIFEST"))] + [
        read(seg + "." + ext) for ext in ("tdict", "post", "pos", "len", "ids", "store")
    ] + [read(dels[-1]) if dels else b""]


if __name__ == "__main__":
    main()
