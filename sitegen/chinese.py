"""Chinese in traditional characters found as in simplified: `经济` finds 經濟, `臺灣` finds 台湾.

A directory's experts in Hong Kong and Taiwan write traditional characters; a journalist in
Beijing or Singapore types simplified ones, and one in Taipei the other way round. Every
analysis here folds each traditional character to its simplified one (``search.FOLDED_CHARACTERS``),
so both find the same experts: the characters are OpenCC's (``t2s``, its traditional-to-simplified
character table, read one character at a time; 4,112 in the unified ideographs and extensions A
and B, each to one character). Read one at a time, characters the table joins are joined
(`乾`, `幹` and `干` are one), as a search for either meaning finds both; its phrases (which
choose between them by context) are not used, as a word is not read in context here.
"""

from __future__ import annotations

from functools import cache
from itertools import chain

IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF))
"""Unified ideographs, extension A and extension B: where OpenCC's table has its characters."""


@cache
def simplified_characters() -> dict[int, str]:
    """Each traditional character (by code) -> its simplified one, where OpenCC's table has one."""
    import opencc  # noqa: PLC0415 - imported when first used (by sitegen.search), not by every command

    codes = list(chain.from_iterable(range(low, high + 1) for low, high in IDEOGRAPHS))
    # One call for every character, each on a line of its own: no phrase spans a line break.
    converted = opencc.OpenCC("t2s.json").convert("\n".join(map(chr, codes))).split("\n")
    if len(converted) != len(codes):
        raise RuntimeError("OpenCC changed the number of lines it was given")
    return {code: simple for code, simple in zip(codes, converted, strict=True) if simple != chr(code)}
