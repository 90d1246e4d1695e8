#!/usr/bin/env python3
"""Shrinks a fuzz corpus to a few dozen files that keep every coverage edge.

Usage: minimize.py FUZZER OUTDIR INDIR...

libFuzzer's own -merge=1 keeps one file per new feature, smallest first,
which after a long run still leaves hundreds of files. This first runs that
merge counting edges only (-use_counters=0), then asks the fuzzer for the
edges of each remaining file alone (a merge control file lists them) and
keeps a greedy set cover: the file adding the most uncovered edges first,
the smaller one on a tie. Files named by hand (not a 40-digit hash) are kept
whatever they cover, as readable examples. OUTDIR is replaced.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HASH = re.compile(r"^(crash-|leak-|timeout-)?[0-9a-f]{40}$")


def edges_of(fuzzer, path, tmp):
    """The coverage edges (PC table indexes) one input reaches."""
    ctl = os.path.join(tmp, "ctl")
    empty = os.path.join(tmp, "empty")
    one = os.path.join(tmp, "one")
    for d in (empty, one):
        shutil.rmtree(d, ignore_errors=True)
        os.mkdir(d)
    shutil.copy(path, one)
    if os.path.exists(ctl):
        os.unlink(ctl)  # an existing control file would resume the last merge
    subprocess.run([fuzzer, "-merge=1", "-use_counters=0", "-merge_control_file=" + ctl,
                    empty, one], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    edges = set()
    if not os.path.exists(ctl):
        return edges  # libFuzzer skips an empty file: it covers nothing of its own
    with open(ctl, encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("COV "):
                edges.update(int(x) for x in line.split()[2:])
    return edges


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    fuzzer, outdir, indirs = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        merged = os.path.join(tmp, "merged")
        os.mkdir(merged)
        subprocess.run([fuzzer, "-merge=1", "-use_counters=0", merged] + indirs,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        named = {}
        for d in indirs:
            for name in os.listdir(d):
                if not HASH.match(name) and not name.startswith("."):
                    named[name] = os.path.join(d, name)
        cand = {}
        for name in os.listdir(merged):
            cand[name] = os.path.join(merged, name)
        for name, path in named.items():
            cand["named:" + name] = path
        edges = {n: edges_of(fuzzer, p, tmp) for n, p in cand.items()}
        size = {n: os.path.getsize(p) for n, p in cand.items()}
        covered = set()
        chosen = []
        for n in cand:
            if n.startswith("named:"):
                chosen.append(n)
                covered |= edges[n]
        rest = [n for n in cand if not n.startswith("named:")]
        while True:
            best = max(rest, key=lambda n: (len(edges[n] - covered), -size[n]), default=None)
            if best is None or not edges[best] - covered:
                break
            chosen.append(best)
            covered |= edges[best]
            rest.remove(best)
        shutil.rmtree(outdir, ignore_errors=True)
        os.makedirs(outdir)
        for n in chosen:
            dest = n[len("named:"):] if n.startswith("named:") else n
            shutil.copy(cand[n], os.path.join(outdir, dest))
        total = sum(size[n] for n in chosen)
        print(f"{len(chosen)} files, {total} bytes, {len(covered)} edges")


if __name__ == "__main__":
    main()
