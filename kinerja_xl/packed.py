"""A result's per-IKU lists held packed (pickled, compressed) until a report reads them.

``check --format json`` on a folder keeps every file's per-IKU scores until the document is
printed: ~95 KB of small objects a file (IkuScore, PeriodScore, Iku), ~4 KB packed. A packed list
is a read-only sequence that unpacks on use; one file's lists are unpacked at a time (the last one
is kept), so a report that goes file by file holds one file's objects, whatever the folder's size.

The workbook's IKU and the analysis' scores of a file (and of each of its units) are packed
together: an IkuScore's ``iku`` is the very Iku of ``workbook.ikus`` once unpacked, as before.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast, overload

if TYPE_CHECKING:
    from kinerja_xl.results import FileResult


class _Blob:
    """The lists of one file, pickled and compressed."""

    __slots__ = ("data",)

    def __init__(self, lists: list[list[Any]]) -> None:
        self.data = zlib.compress(pickle.dumps(lists, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def load(self) -> list[list[Any]]:
        global _last
        if _last is None or _last[0] is not self:
            _last = (self, pickle.loads(zlib.decompress(self.data)))
        return _last[1]


_last: tuple[_Blob, list[list[Any]]] | None = None  # the file unpacked last: a report reads a file at a time


class PackedList(Sequence[Any]):
    """One list of a _Blob: read-only, unpacked on use."""

    __slots__ = ("at", "blob", "length")

    def __init__(self, blob: _Blob, at: int, length: int) -> None:
        self.blob, self.at, self.length = blob, at, length

    def unpacked(self) -> list[Any]:
        return self.blob.load()[self.at]

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        return self.unpacked()[i]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.unpacked())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # a list's equality, a list's unhashability

    def __repr__(self) -> str:
        return f"PackedList({self.length} items)"


def _owners(result: FileResult) -> list[Any]:
    """Every workbook and analysis of a result whose ``ikus`` is packed: the file's, each unit's."""
    seen: dict[int, Any] = {}
    for part in [result, *result.units]:
        wb = part.workbook
        for owner in [wb, *(wb.units if wb is not None else []), part.analysis]:
            if owner is not None:
                seen.setdefault(id(owner), owner)
    return list(seen.values())


def pack_scores(result: FileResult) -> FileResult:
    """Pack the per-IKU lists of a result (after drop_cells), in place; return it."""
    owners = [o for o in _owners(result) if not isinstance(o.ikus, PackedList)]
    if owners:
        blob = _Blob([list(o.ikus) for o in owners])
        for at, owner in enumerate(owners):
            owner.ikus = cast(list[Any], PackedList(blob, at, len(owner.ikus)))
    return result


def unpack_scores(result: FileResult) -> FileResult:
    """The per-IKU lists of a packed result as plain lists again (a copy to write), in place; return it."""
    for owner in _owners(result):
        if isinstance(owner.ikus, PackedList):
            owner.ikus = owner.ikus.unpacked()
    return result
