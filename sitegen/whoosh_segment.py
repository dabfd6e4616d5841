"""Writing a whoosh index in one segment from terms already analysed and counted.

``add_document`` hands every token to the field's format to count, queues each posting
in a pool and sorts the pool at commit: most of the writer's time at 10,000 experts,
and at 100,000 the pool alone holds tens of millions of tuples.  The search index
counts each field's terms anyway (for the scores it exports), so here those counts
go straight to whoosh's own per-document writer and posting writer, in the order the
pool would have sorted them, with each document's field lengths from the counts too
(whoosh would decode them again from the columns it just wrote, once per posting).
The index is the same (a test compares it, posting by posting and term by term, with
one built by ``add_document``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

Counted = Mapping[str, Mapping[str, Mapping[int, int]]]
"""field -> term -> {document number: frequency}, document numbers ascending (insertion order)."""
Posting = tuple[str, bytes, int, float, bytes]
"""(field, term, document number, weight, encoded value): the pool's item."""


class _Sorted:
    """Stands in for the writer's posting pool at commit: postings already in the pool's sorted order."""

    def __init__(self, postings: Iterator[Posting]) -> None:
        self._postings = postings

    def iter_postings(self) -> Iterator[Posting]:
        return self._postings

    def cleanup(self) -> None:
        """Nothing was spilled to temporary files."""


class _Lengths:
    """Stands in for the per-document reader the posting writer asks field lengths of, at commit."""

    def __init__(self, lengths: Mapping[str, Sequence[int]]) -> None:
        # As the segment's length columns give them back: rounded to what one byte holds.
        self._stored = {name: [byte_to_length(length_to_byte(n)) for n in values] for name, values in lengths.items()}

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int]:
        """The length of ``fieldname`` in a document, by number (``default`` for a field without lengths)."""
        stored = self._stored.get(fieldname)
        return stored.__getitem__ if stored is not None else lambda docnum: default

    def close(self) -> None:
        """Nothing to close."""


def write_segment(
    index: Any, plain: Sequence[Mapping[str, str]], counted: Counted, lengths: Mapping[str, Sequence[int]]
) -> None:
    """Add documents to an empty whoosh index as one committed segment.

    ``plain`` holds each document's fields that whoosh analyses itself (IDs, keywords,
    stored values); ``counted`` the fields analysed by the caller, whose formats must
    be whoosh's ``Frequency``; ``lengths`` each counted field's token count per document.
    """
    writer = index.writer(codec=W3Codec(compression=0))
    schema = writer.schema
    for name in counted:
        if type(schema[name].format) is not Frequency:
            writer.cancel()
            raise ValueError(f"field {name!r} is not a frequency field")
    own: dict[str, dict[bytes, list[tuple[int, float, bytes]]]] = {}
    own_lengths: dict[str, list[int]] = {}
    try:
        documents = writer.perdocwriter
        names = sorted({*counted, *(name for document in plain for name in document)})
        for docnum, document in enumerate(plain):
            documents.start_doc(docnum)
            for name in names:  # add_document's order: field names sorted
                field = schema[name]
                if name in counted:
                    documents.add_field(name, field, None, lengths[name][docnum])
                    continue
                if name not in document:
                    continue
                length = 0
                into = own.setdefault(name, {})
                for term, frequency, weight, value in field.index(document[name]):
                    if field.scorable:
                        length += frequency
                    into.setdefault(term, []).append((docnum, weight, value))
                documents.add_field(name, field, document[name] if field.stored else None, length)
                if field.scorable:
                    own_lengths.setdefault(name, [0] * len(plain))[docnum] = length
            documents.finish_doc()
        writer.docnum = len(plain)
        writer.pool = _Sorted(_postings(schema, counted, own))
        # The posting writer asks each posting's field length of the lengths just written: read them
        # back from the lists instead (whoosh decodes a column entry per posting otherwise).
        writer.per_document_reader = partial(_Lengths, {**lengths, **own_lengths})
        writer._added = True  # what add_document would have set
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _postings(
    schema: Any, counted: Counted, own: Mapping[str, Mapping[bytes, Sequence[tuple[int, float, bytes]]]]
) -> Iterator[Posting]:
    """Every posting by field, then term bytes, then document number: the pool's sort order."""
    for name in sorted({*counted, *own}):
        if name in counted:
            boost = schema[name].format.field_boost
            # Sorting str sorts by code point, which is the order of their UTF-8 bytes.
            for term in sorted(counted[name]):
                encoded = term.encode("utf-8")
                for docnum, frequency in counted[name][term].items():
                    # Frequency.word_values: the sum of the tokens' boosts (1.0 each) times the field's.
                    yield name, encoded, docnum, float(frequency) * boost, pack_uint(frequency)
        else:
            for encoded in sorted(own[name]):
                for docnum, weight, value in own[name][encoded]:
                    yield name, encoded, docnum, weight, value
