"""Writing a whoosh index in one segment from terms already analysed and counted.

``add_document`` hands every token to the field's format to count, queues each posting
in a pool and sorts the pool at commit: most of the writer's time at 10,000 experts,
and at 100,000 the pool alone holds tens of millions of tuples.  The search index
counts each field's terms anyway (for the scores it exports), so here those counts
go straight to whoosh's own per-document writer and posting writer, in the order the
pool would have sorted them, a block of postings at a time (whoosh adds them one by one,
checking each), with each document's field lengths from the counts too (whoosh would
decode them again from the columns it just wrote, once per posting).  The index is the
same: tests compare it with one built by ``add_document``, posting by posting on the
sample site and byte for byte over terms of several blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any, BinaryIO

from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

Postings = tuple[Sequence[int], Sequence[int]]
"""One term's postings in one field: document numbers ascending, and the term's frequency in each."""
Counted = Mapping[str, Mapping[str, Postings]]
"""field -> term -> postings."""
TermPostings = tuple[str, bytes, Sequence[int], Sequence[float], Sequence[bytes]]
"""(field, term, document numbers ascending, their weights, their encoded values): one term's postings."""


def stored_length(length: int) -> int:
    """A field's length as a whoosh index keeps it (in one byte: exact when small, rounded when long)."""
    return int(byte_to_length(length_to_byte(length))) if length else 0


class _Sorted:
    """Stands in for the writer's posting pool at commit: each term's postings, in the pool's sorted order."""

    def __init__(self, terms: Iterator[TermPostings]) -> None:
        self._terms = terms

    def iter_postings(self) -> Iterator[TermPostings]:
        return self._terms

    def cleanup(self) -> None:
        """Nothing was spilled to temporary files."""


class _Lengths:
    """Stands in for the per-document reader the posting writer asks field lengths of, at commit."""

    def __init__(self, lengths: Mapping[str, Sequence[int]]) -> None:
        # As the segment's length columns give them back: rounded to what one byte holds.
        self._stored = {name: [stored_length(n) for n in values] for name, values in lengths.items()}

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int]:
        """The length of ``fieldname`` in a document, by number (``default`` for a field without lengths)."""
        stored = self._stored.get(fieldname)
        return stored.__getitem__ if stored is not None else lambda docnum: default

    def close(self) -> None:
        """Nothing to close."""


def write_segment(
    index: Any,
    plain: Sequence[Mapping[str, str]],
    counted: Counted,
    lengths: Mapping[str, Sequence[int]],
    lists: Collection[str] = (),
) -> None:
    """Add documents to an empty whoosh index as one committed segment.

    ``plain`` holds each document's fields that whoosh analyses itself (IDs, keywords,
    stored values); ``counted`` the fields analysed by the caller, whose formats must
    be whoosh's ``Frequency``; ``lengths`` each counted field's token count per document.
    ``lists`` names fields of ``plain`` that are comma-separated keywords (whoosh's
    ``KEYWORD(commas=True)``): their values are analysed item by item (``_analysed``).
    """
    # Not assembled into one compound file: that copies every file of the segment into another, which
    # at 100,000 experts held two copies of a 200 MB index at once; searching reads either alike.
    writer = index.writer(codec=W3Codec(compression=0), compound=False)
    schema = writer.schema
    for name in counted:
        if type(schema[name].format) is not Frequency:
            writer.cancel()
            raise ValueError(f"field {name!r} is not a frequency field")
    own: dict[str, dict[bytes, list[tuple[int, float, bytes]]]] = {}
    own_lengths: dict[str, list[int]] = {}
    seen: dict[tuple[str, str], list[Posting]] = {}
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
                for term, frequency, weight, value in _analysed(field, name, document[name], seen, name in lists):
                    if field.scorable:
                        length += frequency
                    into.setdefault(term, []).append((docnum, weight, value))
                documents.add_field(name, field, document[name] if field.stored else None, length)
                if field.scorable:
                    own_lengths.setdefault(name, [0] * len(plain))[docnum] = length
            documents.finish_doc()
        writer.docnum = len(plain)
        writer.pool = _Sorted(_terms(schema, counted, own))
        writer.fieldwriter.add_postings = partial(_add_terms, writer.fieldwriter)
        # The posting writer asks each posting's field length of the lengths just written: read them
        # back from the lists instead (whoosh decodes a column entry per posting otherwise).
        writer.per_document_reader = partial(_Lengths, {**lengths, **own_lengths})
        writer._added = True  # what add_document would have set
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


Posting = tuple[bytes, int, float, bytes]
"""What a field's ``index`` gives for each of a value's terms: the term, its frequency, weight and value."""


def _analysed(
    field: Any, name: str, text: str, seen: dict[tuple[str, str], list[Posting]], listed: bool
) -> list[Posting]:
    """``field.index(text)``, run once per distinct value of a field whose values repeat (facets: a
    country, a list of languages, "yes"; a unique field's, the slug's, never do).

    A comma-separated list (``listed``) of distinct, non-empty items without spaces around them
    is analysed item by item, each distinct item once: whoosh splits it into those items, each a
    term of frequency 1, in that order, so its terms are the items' in turn (a repeated item, or
    two that whoosh's stripping makes one, would be one term of frequency 2: such a list is
    analysed whole, as any other value). Lists of topics are
    nearly unique to each expert: analysed whole, nearly every one was a new value to analyse and
    to remember (100,000 of them at 100,000 experts).
    """
    if field.unique:
        return list(field.index(text))
    if listed:
        items = text.split(",")
        if len(set(items)) == len(items) and all(item and item == item.strip() for item in items):
            return [posting for item in items for posting in _analysed(field, name, item, seen, False)]
    known = seen.get((name, text))
    if known is None:
        known = seen[(name, text)] = list(field.index(text))
    return known


def _terms(
    schema: Any, counted: Counted, own: Mapping[str, Mapping[bytes, Sequence[tuple[int, float, bytes]]]]
) -> Iterator[TermPostings]:
    """Every term's postings by field, then term bytes (documents ascending): the pool's sort order."""
    packed: dict[int, bytes] = {}
    for name in sorted({*counted, *own}):
        if name in counted:
            boost = schema[name].format.field_boost
            # Sorting str sorts by code point, which is the order of their UTF-8 bytes.
            for term in sorted(counted[name]):
                docnums, frequencies = counted[name][term]
                # Frequency.word_values: the sum of the tokens' boosts (1.0 each) times the field's.
                weights = [float(frequency) * boost for frequency in frequencies]
                values = [packed.get(f) or packed.setdefault(f, pack_uint(f)) for f in frequencies]
                yield name, term.encode("utf-8"), docnums, weights, values
        else:
            for encoded in sorted(own[name]):
                ids, their_weights, their_values = zip(*own[name][encoded], strict=True)
                yield name, encoded, ids, their_weights, their_values


def _add_terms(fields: Any, schema: Any, lengths: _Lengths, terms: Iterable[TermPostings]) -> None:
    """Write each term's postings a block at a time, as whoosh's ``FieldWriter.add_postings`` does a
    posting at a time (most of the commit's time went to its per-posting calls and checks): the same
    blocks, with the same statistics, so the same bytes."""
    field = None
    length_of: Callable[[int], int] = int
    for name, text, docnums, weights, values in terms:
        if name != field:
            if field is not None:
                fields.finish_field()
            fields.start_field(name, schema[name])
            field, length_of = name, lengths.doc_field_length_reader(name)
        fields.start_term(text)
        block = fields._postwriter  # the posting writer start_term began this term with
        limit = block._blocklimit
        for start in range(0, len(docnums), limit):
            if start:  # a full block is written when the next posting comes, as add_posting does
                block._write_block()
            ids = docnums[start : start + limit]
            block._ids.extend(ids)
            block._weights.extend(weights[start : start + limit])
            block._values.extend(value for value in values[start : start + limit] if value)
            block._maxweight = max(0, *weights[start : start + limit])
            found = [length for length in map(length_of, ids) if length]  # a length of 0 is not counted
            if found:
                block._minlength, block._maxlength = min(found), max(found)
        fields.finish_term()
    if field is not None:
        fields.finish_field()


class PositionedStorage(FileStorage):  # type: ignore[misc]  # whoosh is untyped
    """whoosh's ``FileStorage``, whose new files know their position without asking the system.

    The segment's writers ask a file's position for every term and posting block they write
    (``tell``); a buffered file answers each with a system call (``lseek``): a tenth of the time
    of writing the segment of 100,000 experts to files. The files written are the same.
    """

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> StructFile:
        made = super().create_file(name, excl, mode, **kwargs)
        return StructFile(_Positioned(made.file), name=name, **kwargs)


class _Positioned:
    """A file open for writing that counts what is written to tell its position."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._position = file.tell()

    def write(self, data: bytes | bytearray | memoryview) -> int:
        written = self._file.write(data)
        self._position += written
        return written

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        self._position = self._file.seek(offset, whence)
        return self._position

    def truncate(self, size: int | None = None) -> int:
        return self._file.truncate(size)

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def fileno(self) -> int:
        return self._file.fileno()
