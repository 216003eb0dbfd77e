#!/usr/bin/env python3
"""Compares two TREC runs of the same queries, document by document.

Usage: compare_runs.py REFERENCE_RUN OTHER_RUN [K ...]   (default K: 10 1000)
For each K: the queries whose top-K ids are identical and in the same order, the queries whose
top-K sets are equal (order aside, e.g. ties broken by another doc numbering), and the largest
relative score difference over the reference's top-K documents (1 when a document is missing
from the other run). Exits 1 if a run cannot be read.
"""
import collections
import sys


def load(path):
    run = collections.defaultdict(list)
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            fields = line.split()
            if len(fields) != 6:
                sys.exit(f"{path}:{lineno}: expected 'qid Q0 docid rank score tag'")
            run[fields[0]].append((fields[2], float(fields[4])))
    return run


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    ref, other = load(sys.argv[1]), load(sys.argv[2])
    for k in [int(a) for a in sys.argv[3:]] or [10, 1000]:
        same_order = same_set = 0
        worst, worst_where = 0.0, "-"
        for qid, hits in ref.items():
            top, got = hits[:k], other.get(qid, [])[:k]
            same_order += [d for d, _ in top] == [d for d, _ in got]
            same_set += {d for d, _ in top} == {d for d, _ in got}
            scores = dict(other.get(qid, []))
            for doc, score in top:
                rel = abs(score - scores[doc]) / max(abs(score), 1e-30) if doc in scores else 1.0
                if rel > worst:
                    worst, worst_where = rel, f"query {qid} doc {doc}"
        print(f"top-{k}: {len(ref)} queries, {same_order} identical in order, {same_set} same set; "
              f"largest relative score difference {worst:.3g} ({worst_where})")


if __name__ == "__main__":
    main()
