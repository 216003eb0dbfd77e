#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/) from an index.

Usage: make_seeds.py INDEX_DIR  (an index built by `nsearch index`, e.g. of seeds/; ideally one
segment with some deletions). Multi-file inputs are parts of fixed32 little-endian length plus
bytes, as tests/fuzz/fuzz_input.h splits them.
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


def main():
    index = sys.argv[1]
    seg = sorted(glob.glob(os.path.join(index, "seg_*.tdict")))[0][: -len(".tdict")]
    read = lambda path: open(path, "rb").read() if os.path.exists(path) else b""
    dels = sorted(glob.glob(seg + ".*.del"))
    files = [read(os.path.join(index, "MANIFEST"))] + [
        read(seg + "." + ext) for ext in ("tdict", "post", "pos", "len", "ids", "store")
    ] + [read(dels[-1]) if dels else b""]
    write("segment", "index", pack(files))
    write("postings", "segment", pack([files[1], files[2], files[3]]))
    write("doc_store", "store", files[6])


if __name__ == "__main__":
    main()
