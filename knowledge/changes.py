"""What changed between two versions of a text, word by word, for the reviewer of a
resubmitted answer. The pieces are plain text: the template escapes them as any text."""

import difflib
import re
from typing import NamedTuple

# Words, runs of white space (line breaks kept) and single signs.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
WORD = re.compile(r"\w")


class Piece(NamedTuple):
    change: str  # "same", "removed" or "added"
    text: str


def word_changes(old: str, new: str) -> list[Piece]:
    """`old` turned into `new` as pieces that stay, are removed or are added. A sign or a
    space left alone between two changes joins them, so a changed phrase reads as one."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    runs = []  # [same text] or [removed text, added text]
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            runs.append(["".join(before[a1:a2])])
        else:
            runs.append(["".join(before[a1:a2]), "".join(after[b1:b2])])
    for index in range(1, len(runs) - 1):
        run = runs[index]
        between_changes = len(runs[index - 1]) == 2 and len(runs[index + 1]) == 2
        if len(run) == 1 and between_changes and len(run[0]) <= 2 and not WORD.search(run[0]):
            runs[index] = [run[0], run[0]]
    pieces: list[Piece] = []
    removed = added = ""
    for run in [*runs, None]:
        if run is not None and len(run) == 2:
            removed, added = removed + run[0], added + run[1]
            continue
        if removed:
            pieces.append(Piece("removed", removed))
        if added:
            pieces.append(Piece("added", added))
        removed = added = ""
        if run is not None:
            pieces.append(Piece("same", run[0]))
    return pieces
