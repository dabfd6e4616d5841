"""Watch a process and its descendants' memory: `python -m bench.memory_watch PID`.

Every quarter of a second, sums the proportional set size (PSS: each shared page divided among the
processes sharing it, so the sum is the memory they hold between them) of PID and every process
descended from it; when its standard input closes, or PID ends, prints the highest sum seen and the
sum when it started, in MB. Forked workers share most of their parent's memory, so their RSS,
added up, would count it once per worker; their PSS does not.
"""

from __future__ import annotations

import os
import select
import sys
from pathlib import Path

PROC = Path("/proc")


def descendants(root: int) -> set[int]:
    """``root`` and every process descended from it, found from each process's parent in /proc."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                # The command name, in parentheses, may hold spaces: the fields after its last ")".
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            parents[int(entry.name)] = int(fields[1])
    found = {root}
    grew = True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        found |= more
        grew = bool(more)
    return found


def pss_kb(pid: int) -> int:
    """A process's PSS in KB (0 if it has ended)."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    root = int(sys.argv[1])
    first = peak = sum(pss_kb(pid) for pid in descendants(root))
    while (PROC / str(root)).exists():
        ready, _, _ = select.select([sys.stdin], [], [], 0.25)
        if ready and not os.read(sys.stdin.fileno(), 1024):
            break  # the watched process closed our input: it is done
        peak = max(peak, sum(pss_kb(pid) for pid in descendants(root)))
    print(f"{peak / 1024:.0f} {first / 1024:.0f}", flush=True)


if __name__ == "__main__":
    main()
