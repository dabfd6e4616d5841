"""How many result chunks queries would still need if shards carried more result rows.

    .venv/bin/python -m bench.search_rows --site DIR [--queries 200] [--seed 1]

DIR is a generated directory (bench.generate). Builds the search index in this process, ranks
the seeded queries of bench.search_requests (two words of one profile, the last cut to a prefix
half the time) exactly as `sitegen search` does, and, for several policies of which rows a shard
carries (each term's R best documents, or every document of terms with at most T), prints how
many rows the index would carry and how many queries would fetch no, at most one and at most two
50-expert chunks for their first page. It measures the trade between requests and bytes that the
export's ROWS setting makes; it changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from bench.search_requests import queries
from sitegen.check import check_site
from sitegen.search import NO_FILTERS, SearchIndex
from sitegen.search_export import CHUNK

POLICIES = ((10, 0), (20, 0), (50, 0), (100, 0), (10, 50), (10, 100), (30, 100))
"""(R, T): each term's R best documents, and all documents of terms found in at most T."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    report = check_site(args.site, dt.date(2026, 11, 25), 2)
    if report.site is None:
        raise SystemExit("the directory has errors")
    index = SearchIndex(report.site)
    cases = []
    for text, _profile in queries(args.site, args.queries, args.seed):
        plans, _ = index.plan(text)
        cases.append((plans, [docnum for _, docnum in index.matches(plans, NO_FILTERS)[:10]]))
    best = {term: sorted(p, key=lambda d: (-p[d], d)) for term, p in index.scores.items()}
    postings = sum(len(p) for p in index.scores.values())
    print(f"{len(index.slugs)} experts, {postings:,} postings, {len(cases)} queries")
    for rows, small in POLICIES:
        carried = {term: set(docs if len(docs) <= small else docs[:rows]) for term, docs in best.items()}
        total = sum(len(docs) for docs in carried.values())
        needs = []
        for plans, top in cases:
            have: set[int] = set().union(*(carried.get(term, set()) for terms in plans for term in terms))
            needs.append(len({docnum // CHUNK for docnum in top if docnum not in have}))
        print(
            f"R={rows:<3} T={small:<3} rows carried {total:>9,} ({total / postings:4.0%} of postings);"
            f" queries needing 0 chunks {sum(n == 0 for n in needs)}, <= 1 {sum(n <= 1 for n in needs)},"
            f" <= 2 {sum(n <= 2 for n in needs)}"
        )


if __name__ == "__main__":
    main()
