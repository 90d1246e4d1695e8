#!/usr/bin/env python3
"""Approximate `vaksam content check --lix` for authors while the C checker is young.

Usage: lix.py course.md|handout.md ...  Prints words, sentences, LIX per page.
The definition is the one in content/README.md (section Readability)."""
import re, sys

def blocks(text):
    out, cur = [], []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            if cur: out.append(" ".join(cur)); cur = []
            continue
        if re.match(r'^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>)', s):
            if cur: out.append(" ".join(cur)); cur = []
            s = re.sub(r'^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?)+', '', s)
            if re.match(r'^(#{1,6}\s|[-*+]\s|\d+[.)]\s)', line.strip()):
                out.append(s); continue
        cur.append(s)
    if cur: out.append(" ".join(cur))
    return out

def lix(text):
    words = longw = sents = 0
    for b in blocks(text):
        b = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', b)
        b = re.sub(r'\{\{[^}]*\}\}', ' ', b)
        b = re.sub(r'(https?://|www\.)\S+', ' ', b)
        b = b.replace('*', '').replace('`', '')
        toks = b.split()
        ended = False
        for t in toks:
            core = t.strip('"”“\'()[]«»')
            letters = sum(1 for c in core if c.isalpha())
            if letters == 0:
                ended = ended and True
                continue
            words += 1
            if letters > 6: longw += 1
            ended = False
            if re.search(r'[.!?:]$', core) or re.search(r'[.!?:]["”\')]*$', t):
                sents += 1; ended = True
        if toks and not ended: sents += 1
    sents = max(sents, 1)
    return words, sents, (words / sents + 100 * longw / words) if words else 0

for path in sys.argv[1:]:
    src = open(path, encoding='utf-8').read()
    if src.startswith('---'):
        src = src.split('\n---', 1)[1].split('\n', 1)[1] if '\n---' in src else src
    pages = re.split(r'(?m)^# ', src)
    if path.endswith('handout.md'):
        pages = [src]; titles = ['(handout)']
    else:
        pages = ['# ' + p for p in pages[1:]]
        titles = [p.splitlines()[0][2:] for p in pages]
    for t, p in zip(titles, pages):
        if t.strip() in ('Källor', 'Sources'): continue
        w, s, l = lix(p)
        print(f"{path}: {t[:40]:40} words={w:4} sentences={s:3} LIX={l:5.1f}")
