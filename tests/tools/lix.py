#!/usr/bin/env python3
"""LIX per page, as `vaksam content check --lix` computes it, for authors without a build.

Usage: lix.py course.md|handout.md ...

Prints one line per page in the same format as `vaksam content check --lix`:
    FILE:LINE: LIX 38.2 (250 words, 20 sentences, 50 long words): Title
The definition is the one in content/README.md (section Readability) and in
authoring/lix.h. vaksam reads Markdown with md4c; this script reads the subset
the courses use (headings, paragraphs, lists, block quotes, fences, emphasis,
links), which gives the same blocks, and then counts exactly as lix.c does.
tests/e2e/content.sh checks that both agree on every bundled page.
"""
import re
import sys

SPACE = " \t\n\r\f\v\u00a0"
CLOSERS = "\"')]\u201d\u2019\u00bb"
OPENERS = "\"'([\u201c\u2018\u00ab\u201d"
PLACEHOLDER = re.compile(r"\{\{[a-z0-9_]{1,64}\}\}")
ENTITIES = {
    "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0",
    "shy": "\u00ad", "ndash": "\u2013", "mdash": "\u2014", "hellip": "\u2026",
    "lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d",
    "laquo": "\u00ab", "raquo": "\u00bb", "aring": "å", "Aring": "Å", "auml": "ä",
    "Auml": "Ä", "ouml": "ö", "Ouml": "Ö", "eacute": "é", "Eacute": "É", "uuml": "ü",
    "Uuml": "Ü", "copy": "©", "euro": "€", "deg": "°", "sect": "§", "times": "×",
    "middot": "·",
}


def is_letter(ch):
    c = ord(ch)
    if ("A" <= ch <= "Z") or ("a" <= ch <= "z"):
        return True
    if c in (0xAA, 0xB5, 0xBA):
        return True
    if 0xC0 <= c <= 0x24F:
        return c not in (0xD7, 0xF7)
    if 0x370 <= c <= 0x3FF:
        return c not in (0x375, 0x37E, 0x384, 0x385, 0x387)
    return 0x400 <= c <= 0x481 or 0x48A <= c <= 0x52F


class Lix:
    def __init__(self):
        self.words = self.long = self.sentences = 0

    def add_text(self, text):
        text = PLACEHOLDER.sub("", text)
        in_sentence = 0
        for tok in re.split("[" + SPACE + "]+", text):
            if not tok or "://" in tok:
                continue
            i = 0
            while i < len(tok) and tok[i] in OPENERS:
                i += 1
            if tok[i:i + 4] in ("www.", "WWW."):
                continue
            letters = sum(1 for ch in tok[i:] if is_letter(ch))
            rest = [ch for ch in tok[i:] if ch not in CLOSERS]
            last = rest[-1] if rest else ""
            if letters:
                self.words += 1
                self.long += letters > 6
                in_sentence += 1
            if last in ".!?:" and last and in_sentence:
                self.sentences += 1
                in_sentence = 0
        if in_sentence:
            self.sentences += 1

    def value(self):
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100.0 * self.long / self.words


def inline(text):
    """The text md4c leaves of a block: marks, link targets and escapes gone."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<((?:https?|mailto|ftp):[^>\s]*)>", r"\1", text)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", lambda m: "\x00" + m.group(1), text)
    text = text.replace("*", "").replace("`", "")
    text = re.sub(r"(?<![0-9A-Za-z\u00c0-\u024f])_+|_+(?![0-9A-Za-z\u00c0-\u024f])", "", text)
    text = re.sub(r"&([A-Za-z]+);", lambda m: ENTITIES.get(m.group(1), m.group(0)), text)
    text = re.sub(r"&#[xX]([0-9a-fA-F]+);", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), text)
    return text.replace("\x00", "")


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
ITEM = re.compile(r"^\s*(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+|$)(.*)$")
RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")


def blocks(text):
    """Splits Markdown into the blocks LIX counts (code blocks left out)."""
    out, cur, kind = [], [], None  # kind: None, "p" (paragraph) or "item"
    fence = None

    def close():
        nonlocal cur, kind
        if cur:
            out.append(" ".join(cur))
        cur, kind = [], None

    for raw in text.splitlines():
        line = raw
        if fence:
            m = FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        while re.match(r"^ {0,3}>", line):
            line = re.sub(r"^ {0,3}> ?", "", line, count=1)
        m = FENCE.match(line)
        if m:
            close()
            fence = m.group(1)
            continue
        if not line.strip():
            close()
            continue
        m = HEADING.match(line)
        if m:
            close()
            out.append(re.sub(r"[ \t]+#+[ \t]*$|^#+[ \t]*$", "", m.group(2)).strip())
            continue
        if RULE.match(line):
            close()
            continue
        m = ITEM.match(line)
        if m and not (kind == "p" and ((m.group(1) and m.group(1) != "1") or not m.group(2))):
            close()
            kind = "item"
            cur = [m.group(2).strip()] if m.group(2).strip() else []
            if not cur:
                out.append("")
                kind = None
            continue
        if kind is None:
            kind = "p"
        cur.append(line.strip())
    close()
    return [inline(b) for b in out]


def page_lix(title, body):
    acc = Lix()
    if title is not None:
        acc.add_text(title)
    for b in blocks(body):
        acc.add_text(b)
    return acc


def pages(src):
    """(line, title, body) for each '# ' page of course.md after its front matter."""
    lines = src.splitlines()
    start = 0
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() == "---":
                start = i + 1
                break
    result, fence = [], None
    for i in range(start, len(lines)):
        line = lines[i].rstrip("\r")
        m = FENCE.match(line)
        if m:
            if fence is None:
                fence = m.group(1)
            elif m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        elif fence is None and (line.startswith("# ") or line.startswith("#\t") or line == "#"):
            title = re.sub(r"[ \t]+#+[ \t]*$", "", line[1:]).strip()
            result.append([i + 1, title, []])
            continue
        if result:
            result[-1][2].append(lines[i])
    return [(n, t, "\n".join(b)) for n, t, b in result]


def report(path, line, title, acc, skipped=False):
    if skipped:
        print(f"{path}:{line}: LIX -, sources page not counted: {title}")
    else:
        print(f"{path}:{line}: LIX {acc.value():.1f} ({acc.words} words, "
              f"{acc.sentences} sentences, {acc.long} long words): {title}")


def main(argv):
    for path in argv:
        src = open(path, encoding="utf-8-sig").read()
        if path.endswith("handout.md"):
            report(path, 1, "(handout)", page_lix(None, src))
            continue
        for line, title, body in pages(src):
            skipped = title in ("Källor", "källor", "KÄLLOR", "Sources", "sources", "SOURCES")
            report(path, line, title, page_lix(title, body), skipped)


if __name__ == "__main__":
    main(sys.argv[1:])
