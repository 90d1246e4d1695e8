#!/usr/bin/env python3
"""Reads a kiosk quiz screen (capture-pane text) on stdin and the course's
`vaksam content dump` (JSON Lines) named by argv[1]; prints the keys that
answer the question on screen rightly, one a line, as a person reading the
screen would press them:

    KEY NAME     a tmux key name (Enter, Down, Tab) or one character (1, A)
    TYPE:TEXT    text typed into the answer field

The first line names the question's type. Exits 1 when the screen shows no
question of the dump (the test then fails with the screen in its log).
"""
import json
import re
import sys


def norm(s):
    s = re.sub(r"\{\{[^}]*\}\}", " ", s)
    s = re.sub(r"[*_`]", "", s)
    return " ".join(s.split())


def find_question(screen, questions):
    flat = norm(screen)
    best = None
    for q in questions:
        stem = norm(q["stem"]).split("_____")[0]
        head = stem[:50]
        if head and head in flat and (best is None or len(head) > best[0]):
            best = (len(head), q)
    return best[1] if best else None


def choice_lines(lines):
    """(number, first line of text) for each choice on screen."""
    out = []
    for line in lines:
        m = re.match(r"^\s*(?:> )?(?:\[[ x]\] )?(\d)\) (.*)$", line)
        if m:
            out.append((m.group(1), m.group(2).strip()))
    return out


def digit_for(choices, text):
    want = norm(text)
    for digit, shown in choices:
        shown = re.sub(r" – (ditt svar|rätt svar).*$", "", shown)
        if want.startswith(norm(shown)):
            return digit
    return None


def main():
    screen = sys.stdin.read()
    lines = screen.split("\n")
    with open(sys.argv[1], encoding="utf-8") as f:
        questions = [json.loads(l) for l in f if l.strip()]
    q = find_question(screen, questions)
    if q is None:
        return 1
    kind = q["type"]
    keys = []
    if kind in ("single", "truefalse"):
        right = max(q["answers"], key=lambda a: a["fraction"])
        text = right["text"]
        if kind == "truefalse":
            text = "Sant" if text == "true" else "Falskt"
        d = digit_for(choice_lines(lines), text)
        if d is None:
            return 1
        keys.append(d)
    elif kind == "multi":
        choices = choice_lines(lines)
        for a in q["answers"]:
            if a["fraction"] > 0:
                d = digit_for(choices, a["text"])
                if d is None:
                    return 1
                keys.append(d)
        keys.append("Enter")
    elif kind == "matching":
        options = {}
        for line in lines:
            m = re.match(r"^ {6}([A-Z])  (.*)$", line)
            if m:
                options[norm(m.group(2))] = m.group(1)
        for p in q["pairs"]:
            if p["left"]:
                letter = options.get(norm(p["right"]))
                if letter is None:
                    return 1
                keys.append(letter)
        keys.append("Enter")
    elif kind == "shortanswer":
        right = [a["text"] for a in q["answers"] if a["fraction"] >= 1 and "*" not in a["text"]]
        keys += ["TYPE:" + right[0], "Enter"]
    elif kind == "numerical":
        right = [n for n in q["numbers"] if n["fraction"] >= 1 and n["min"] is not None]
        v = (right[0]["min"] + right[0]["max"]) / 2
        keys += ["TYPE:" + (str(int(v)) if v == int(v) else str(v).replace(".", ",")), "Enter"]
    elif kind == "essay":
        keys += ["TYPE:Jag rapporterar direkt och berättar för min chef.", "Tab"]
    elif kind == "description":
        keys.append("Enter")
    print(kind)
    print("\n".join(keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
