#!/usr/bin/env python3
"""make_seeds.py: writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/) from
our own fixtures (tests/corpus, tests/cli/fixtures) and small inputs written here. Deterministic:
running it again gives the same files. The lsp_session and document seeds are byte programs
(see those targets); a few are written here, the rest come from a short fuzzing run merged with
libFuzzer's -merge=1 (docs/reliability.md), so only the files written here are regenerated.
The grammar seeds are documents (fixture articles, cases of the grammar's test corpus, edge
cases) behind an edit program (see fuzz_grammar.c).

    python3 tests/fuzz/make_seeds.py            # every target
    python3 tests/fuzz/make_seeds.py grammar    # only the targets named
"""
import hashlib
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")


def texts():
    """Our fixture articles: (name, bytes)."""
    out = []
    for folder in ("tests/corpus", "tests/cli/fixtures", "tests/cli/fixtures/tree", "tests/cli/fixtures/tree/world",
                   "tests/cli/fixtures/tree/world/asia", "tests/cli/fixtures/tree/world/europe"):
        path = os.path.join(ROOT, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            p = os.path.join(path, name)
            if os.path.isfile(p) and name.endswith((".txt", ".md")):
                with open(p, "rb") as f:
                    out.append((name.rsplit(".", 1)[0], f.read()))
    return out


# Edge cases of text the fixtures do not have.
EDGE_TEXTS = [
    ("empty", b""),
    ("invalid-utf8", b"City Council Votes\n\nThe council met \xff\xfe on Monday \xc3 and \xe2\x80 voted.\n"),
    ("nul", b"Headline\n\nThe mayor\x00 said \xe2\x80\x9cyes.\xe2\x80\x9d\n"),
    ("crlf", b"Water Rates\r\n\r\nThe council voted 5-2, the Ledger reported.\r\n\r\n\xe2\x80\x9cIt was bad,\xe2\x80\x9d she said.\r\n"),
    ("cr-only", b"Water Rates\r\rThe council voted 5-2, the Ledger reported.\r\rSome 25 groups said no.\r"),
    ("front-matter-only", b"---\ntitle: \"Quoted\"\noutlet: 'Post'\ndate: 2024-02-30\n---\n"),
    ("front-matter-unclosed", b"---\ntitle: T\ndate: 2024-05-01\nThe council voted.\n"),
    ("directives", b"<!-- byline-disable unsourced-claim -->\nThe agency spent $7 billion.\n<!-- byline-enable unsourced-claim -->\n"
                   b"<!-- byline-disable-next-line no-such-rule -->\n\xe2\x80\x9cOpen\n"),
    ("markdown", b"# Headline Here\n\n## Key Facts\n\n- The NSA said 4,000 people left.\n- 12% of them\n\n> \xe2\x80\x9cQuoted,\xe2\x80\x9d he said.\n\n1. One\n"),
    ("astral", "Mayor \U0001F600 said \u201cyes\u201d on May 5, 2021, according to the Post.\n".encode()),
    ("long-line", (b"The council voted 5-2 on Tuesday, officials said, " * 60).strip() + b"\n"),
    ("quotes-mixed", "\u00abBonjour\u00bb, dit-il. \u2018Single\u2019 and \"straight\" and \u201cnested \u2018inner\u2019\u201d.\n".encode()),
    ("utf16-bom", "\ufeffThe mayor said yes.\n".encode("utf-16-le")),
    ("utf8-bom", "\ufeffThe mayor said \u201cyes.\n".encode()),
    ("money-dates", b"The fund lost \xe2\x82\xac3.2m last month, 500 million yen in the fall of 2020 and $7 billion on Monday.\n"),
    ("anonymous", b"A former senior U.S. military official told the Post that some 25 organizations were hit, reportedly.\n"),
]

CONFIGS = [
    ("full", {"$schema": "https://example.invalid/byline.schema.json",
              "rules": {"unbalanced-quote": "error", "vague-attribution": "off", "unsourced-claim": "info"},
              "gazetteers": ["names/extra.tsv", "/abs/path.tsv"],
              "corpus": {"roots": ["../archive"], "ignore": ["drafts/", "*.tmp"]}, "inlayHints": True}),
    ("empty-object", {}),
    ("unknown-keys", {"rule": {}, "corpus": {"root": []}, "inlayHints": "yes"}),
    ("bad-severity", {"rules": {"unbalanced-quote": "fatal", "no-such-rule": "error", "misquote": 3}}),
    ("wrong-types", {"rules": [], "gazetteers": "one.tsv", "corpus": [], "inlayHints": None}),
    ("mixed-arrays", {"gazetteers": ["a", 1, None, ["b"]], "corpus": {"roots": [True], "ignore": [{}]}}),
]
RAW_CONFIGS = [
    ("not-json", b"{ rules: unbalanced-quote }\n"),
    ("truncated", b'{\n  "rules": {\n    "unbalanced-quote": "err'),
    ("array", b"[1, 2, 3]\n"),
    ("trailing", b'{"inlayHints": true} {"x": 1}\n'),
    ("nul-key", b'{"rules": {"unbalanced\\u0000-quote": "error"}}\n'),
    ("deep", b"[" * 200 + b"]" * 200),
    ("empty", b""),
]

FRONT_MATTER = [
    ("basic", b"---\ntitle: Council Approves 9% Rise\noutlet: Harbor Valley Ledger\nurl: https://example.invalid/a\n"
              b"date: 2026-03-14\nauthor: Ren\xc3\xa9e Okafor\n---\n\n# Council Approves 9% Rise\n\nBody.\n"),
    ("quoted-values", b"---\ntitle: \"A: B\"\noutlet: 'x'\ndate: '2021-05-03'\n---\nText\n"),
    ("crlf", b"---\r\ntitle: T\r\ndate: 2024-01-31\r\n---\r\nText\r\n"),
    ("no-front-matter", b"Headline Without Front Matter\n\nThe body.\n"),
    ("heading-title", b"## A Markdown Heading Title ##\n\nBody.\n"),
    ("bad-dates", b"---\ndate: 2024-13-40\n---\n"),
    ("dup-keys", b"---\nTitle: first\ntitle: second\n : empty key\nnocolon\n---\n"),
    ("comment-first", b"<!-- byline-disable unsourced-claim -->\n\nThe Headline\n\nText.\n"),
    ("unclosed", b"---\ntitle: T\n"),
    ("fence-spaces", b"---   \ntitle: T\n---\t\nBody\n"),
]


def lsp(msg):
    return json.dumps(msg, ensure_ascii=False, separators=(",", ":")).encode()


def framed(*msgs):
    out = b""
    for m in msgs:
        body = m if isinstance(m, bytes) else lsp(m)
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "initialized", "params": {}}
URI = "file:///fuzz/a.md"
TEXT = "Water Rates Rise\n\nThe council voted 5-2 on Tuesday, the Ledger reported. \u201cIt was bad,\u201d Mayor Luc\u00eda Brennan said.\n"


def req(i, method, params):
    return {"jsonrpc": "2.0", "id": i, "method": method, "params": params}


def note(method, params):
    return {"jsonrpc": "2.0", "method": method, "params": params}


POS = {"line": 2, "character": 10}
RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 30}}
TD = {"uri": URI}
MESSAGES = [
    ("initialize", INIT),
    ("initialize-utf8", req(1, "initialize", {"processId": None, "capabilities": {"general": {"positionEncodings": ["utf-8"]},
                                                                                  "window": {"workDoneProgress": True},
                                                                                  "workspace": {"configuration": True}},
                                               "initializationOptions": {"debounceMs": 0, "inlayHints": True}})),
    ("initialized", INITIALIZED),
    ("did-open", note("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": TEXT}})),
    ("did-change", note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                                   "contentChanges": [{"range": {"start": {"line": 2, "character": 4},
                                                                                 "end": {"line": 2, "character": 11}},
                                                                       "text": "board"}, {"text": "full"}]})),
    ("did-close", note("textDocument/didClose", {"textDocument": TD})),
    ("did-save-config", note("textDocument/didSave", {"textDocument": {"uri": "file:///fuzz/.byline.json"}})),
    ("watched", note("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file:///fuzz/b.md", "type": 3}]})),
    ("configuration", note("workspace/didChangeConfiguration", {"settings": {"byline": {"inlayHints": True}}})),
    ("hover", req(7, "textDocument/hover", {"textDocument": TD, "position": POS})),
    ("highlight", req(8, "textDocument/documentHighlight", {"textDocument": TD, "position": POS})),
    ("tokens-full", req(9, "textDocument/semanticTokens/full", {"textDocument": TD})),
    ("tokens-range", req(10, "textDocument/semanticTokens/range", {"textDocument": TD, "range": RANGE})),
    ("inlay", req(11, "textDocument/inlayHint", {"textDocument": TD, "range": RANGE})),
    ("code-action", req(12, "textDocument/codeAction", {"textDocument": TD, "range": RANGE, "context": {"diagnostics": []}})),
    ("definition", req(13, "textDocument/definition", {"textDocument": TD, "position": POS})),
    ("references", req(14, "textDocument/references", {"textDocument": TD, "position": POS,
                                                       "context": {"includeDeclaration": True}})),
    ("document-link", req(15, "textDocument/documentLink", {"textDocument": TD})),
    ("workspace-symbol", req(16, "workspace/symbol", {"query": "brennan"})),
    ("cancel", note("$/cancelRequest", {"id": 7})),
    ("shutdown", {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}),
    ("exit", {"jsonrpc": "2.0", "method": "exit"}),
    ("response", {"jsonrpc": "2.0", "id": 1, "result": [{"inlayHints": True}]}),
    ("wrong-types", req(18, "textDocument/hover", {"textDocument": "x", "position": [1, 2]})),
]
RAW_BODIES = [
    ("not-json", b'{"jsonrpc":"2.0","id":5,"method":'),
    ("batch", b'[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]'),
    ("escapes", b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/a.md",'
                b'"languageId":"x","version":1,"text":"a\\u0000b\\ud800c\\udfff\\ud83d\\ude00\\uffff \xff\xfe"}}}'),
    ("trailing", b'{"jsonrpc":"2.0","id":5,"method":"shutdown"}xyz'),
    ("id-types", b'{"jsonrpc":"2.0","id":{"a":1},"method":"x"}'),
    ("params-number", b'{"jsonrpc":"2.0","id":"p","method":"textDocument/hover","params":3}'),
]

STREAMS = [
    ("session", framed(INIT, INITIALIZED, MESSAGES[3][1], MESSAGES[9][1], MESSAGES[4][1], MESSAGES[20][1], MESSAGES[21][1])),
    ("no-length", b"Content-Type: x\r\n\r\n{}" + framed(INIT)),
    ("bad-length", b"Content-Length: 12x\r\n\r\n{}" + framed(INIT)),
    ("dup-length", b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" + framed(INIT)),
    ("agreeing-dup", b"Content-Length: 2\r\ncontent-length:2\r\n\r\n{}"),
    ("huge-length", b"Content-Length: 99999999999999999999999\r\n\r\n{}" + framed(INIT)),
    ("over-cap", b"Content-Length: 100000000\r\n\r\n" + framed(INIT) * 3),
    ("lf-only", b"Content-Length: 2\n\n{}" + framed(INIT)),
    ("garbage-first", b"\x00\xffgarbage Content-Length" + framed(INIT)),
    ("long-header", b"X-Junk: " + b"a" * 300 + b"\r\n" + framed(INIT)),
    ("truncated", framed(INIT)[:-10]),
    ("empty-body", b"Content-Length: 0\r\n\r\n"),
]


# grammar: hand-written documents for the tree-sitter-news grammar, the shapes its scanner decides.
GRAMMAR_TEXTS = [
    ("unclosed-quotes", "Headline\n\n\u201cIt was bad, she said. Then he left.\n\n\"Open and \u2018inner (paren [x\n".encode()),
    ("nested-brackets", b"Head\n\n((([[a](b)]))) (\"x 'y (z [t](u) \xe2\x80\x9cw\xe2\x80\x9d)' \") end.\n"),
    ("deep-openers", b"H\n\n" + b"(\"\xe2\x80\x98" * 8 + b"deep." + b"\xe2\x80\x99\")" * 8 + b" Next.\n"),
    ("front-matter", b"---\ntitle: A: B\noutlet: 'x'\n- list\n# comment\n---\n# Title\n\nBody.\n"),
    ("front-matter-unclosed", b"---\ntitle: T\ndate: 2024-05-01\nThe council voted.\n"),
    ("front-matter-late", b"\n---\ntitle: T\n---\nText\n"),
    ("crlf", b"Water Rates\r\n\r\n- One item.\r\n- Two \xe2\x80\x9cq.\xe2\x80\x9d\r\n\r\n> Quoted\r\n> more\r\n"),
    ("cr-only", b"Title\r\rA paragraph. Another\rline.\r\r## Head\r"),
    ("nul", b"Head\x00line\n\nThe\x00 mayor \x00said \xe2\x80\x9cyes.\x00\xe2\x80\x9d\n"),
    ("invalid-utf8", b"City \xff\xfe Council\n\nThe \xc3 council \xe2\x80 met \xed\xa0\x80 and \xf4\x90\x80\x80 voted.\n"),
    ("comments", b"<!-- a -->\nHead <!-- b\n\nstill -->\n\n> <!-- c --> quote\n\n[x <!-- y --> z](u) <!-- never closed"),
    ("further-reading", b"Head\n\nBody.\n\nFurther Reading:\n\n- A Title (The Post)\n* B (C (D))\nTitle Only\n"),
    ("abbreviations", b"Head\n\nIn the U.S. The plan. Apple Inc. It fell at 9 p.m. The end. Mr. Ruiz, F. Scott and etc. But.\n"),
    ("blank-lines", b"\n\n \t\n\xc2\xa0\n\xef\xbb\xbf\n"),
]


def grammar_cases():
    """Cases of grammars/tree-sitter-news/test/corpus, a few per file: (name, input bytes)."""
    folder = os.path.join(ROOT, "grammars", "tree-sitter-news", "test", "corpus")
    picked = {"robustness": None, "blocks": 4, "quotations": 4, "sentences": 3, "tokens": 2, "front_matter": 3,
              "further_reading": 3}
    out = []
    for fname in sorted(os.listdir(folder)):
        stem = fname.rsplit(".", 1)[0]
        if stem not in picked:
            continue
        with open(os.path.join(folder, fname), "rb") as f:
            lines = f.read().split(b"\n")
        cases, i = [], 0
        while i < len(lines):
            if re.fullmatch(rb"={3,}.*", lines[i]):
                j = i + 1
                while j < len(lines) and not re.fullmatch(rb"={3,}.*", lines[j]):
                    j += 1
                name = b" ".join(lines[i + 1:j]).decode()
                k = j + 1
                while k < len(lines) and not re.fullmatch(rb"={3,}.*", lines[k]):
                    k += 1
                body = lines[j + 1:k]
                dashes = [n for n, line in enumerate(body) if re.fullmatch(rb"-{3,}", line)]
                if dashes:
                    longest = max(len(body[n]) for n in dashes)
                    div = [n for n in dashes if len(body[n]) == longest][-1]
                    cases.append((name, b"\n".join(body[:div])))
                i = k
            else:
                i += 1
        count = picked[stem]
        step = 1 if count is None else max(1, len(cases) // count)
        chosen = cases if count is None else cases[::step][:count]
        for name, text in chosen:
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
            out.append((stem + "-" + slug, text))
    return out


def edit(at, delete, insert):
    """One edit of a grammar program: offset, delete byte, insert (bytes, or an int 0-15: a snippet)."""
    head = struct.pack(">HB", at, delete)
    if isinstance(insert, int):
        return head + bytes([0xF0 + insert])
    return head + bytes([len(insert)]) + insert


def grammar_program(text, edits, burst=False, queries=True, repeat=0):
    """repeat: 0-3, the document is the text repeated 1, 4, 32 or 256 times."""
    return bytes([len(edits) | (8 if burst else 0) | (0 if queries else 16) | repeat << 5]) + b"".join(edits) + text


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    only = set(sys.argv[1:])
    if only and not only <= {"analysis", "front_matter", "config", "jsonrpc", "frame", "document", "grammar"}:
        sys.exit("make_seeds.py: unknown target in %s" % " ".join(sorted(only)))
    if not only or "grammar" in only:
        grammar_seeds()
    if only and only == {"grammar"}:
        return
    for name, data in texts() + EDGE_TEXTS:
        mode = int(hashlib.sha1(name.encode()).hexdigest(), 16) % 256 & ~1  # default-ish settings
        write("analysis", "text-" + name, bytes([mode]) + data[:8000])
    write("analysis", "text-all-rules-hint", bytes([1 | (3 << 1)]) + EDGE_TEXTS[8][1])
    for name, data in FRONT_MATTER + [(n, d) for n, d in EDGE_TEXTS if n in ("crlf", "cr-only", "front-matter-only",
                                                                            "front-matter-unclosed", "directives")]:
        write("front_matter", "fm-" + name, data)
    for name, data in texts()[:4]:
        write("front_matter", "fm-fixture-" + name, data)
    for name, cfg in CONFIGS:
        write("config", "cfg-" + name, json.dumps(cfg, indent=2).encode() + b"\n")
    for name, data in RAW_CONFIGS:
        write("config", "cfg-" + name, data)
    # jsonrpc: flags byte (1 raw stream, 2 initialize first, 4 utf-8), then the payload
    for name, msg in MESSAGES:
        write("jsonrpc", "msg-" + name, bytes([2]) + lsp(msg))
    write("jsonrpc", "msg-initialize-uninit", bytes([0]) + lsp(INIT))
    for name, body in RAW_BODIES:
        write("jsonrpc", "raw-" + name, bytes([2 | 4]) + body)
    for name, data in STREAMS:
        write("jsonrpc", "stream-" + name, bytes([1 | 2]) + data)
        # frame: caps byte (odd: default header cap; >= 0x80: default body cap), 4 seed bytes
        write("frame", "stream-" + name, bytes([0x81]) + struct.pack(">I", 0x9E3779B9) + data)
        write("frame", "small-caps-" + name, bytes([0x20]) + struct.pack(">I", 12345) + data)
    # document: initial text (length byte + bytes) then edits; a few hand-written programs
    write("document", "doc-ascii-edits", bytes([11]) + b"ab\ncd\r\nef\r" + bytes([1, 0, 0, 2, 0, 1, 0, 3, 0x78]) * 4)
    write("document", "doc-astral", bytes([14]) + "a\U0001F600b\n\u00e9\u201c\n".encode() + bytes([1, 0, 0, 1, 0, 2, 1, 0, 0]) * 4)
    write("document", "doc-invalid", bytes([9]) + b"\xff\xe2\x80\n\xc3\x00\r\n" + bytes([0, 0, 0, 0, 0, 2, 0, 2, 0x0d]) * 4)



def grammar_seeds():
    # grammar: header byte (edit count, burst, no queries), edits, then the document
    articles = [(n, d) for n, d in texts() if n[:2] in ("01", "04", "06", "15")]
    for name, data in articles:
        write("grammar", "article-" + name[:24], grammar_program(data[:1500], []))
    for name, data in grammar_cases():
        write("grammar", "case-" + name, grammar_program(data, []))
    for name, data in GRAMMAR_TEXTS:
        write("grammar", "edge-" + name, grammar_program(data, []))
    article = articles[0][1][:1200]
    write("grammar", "edits-article", grammar_program(article, [edit(100, 0, 3), edit(300, 0, 1), edit(50, 5, b""),
                                                                  edit(700, 0, 4), edit(20, 0, 12)]))
    write("grammar", "edits-burst", grammar_program(article, [edit(400, 0, b"x"), edit(401, 0, b"y"), edit(402, 0, 15),
                                                                edit(10, 3, b"\xe2\x80\x9c"), edit(200, 0, 1)], burst=True))
    write("grammar", "edits-front-matter", grammar_program(b"title: T\ndate: 2024-05-01\n---\nText.\n",
                                                           [edit(0, 0, 12), edit(4, 0, 11), edit(0, 4, b"")]))
    write("grammar", "edits-crlf", grammar_program(GRAMMAR_TEXTS[6][1], [edit(13, 0, 2), edit(20, 0, b"\r"),
                                                                       edit(5, 2, 0)]))
    write("grammar", "edits-utf8-join", grammar_program(b"Head\n\nThe \xe2 said \xe2\x80 yes.\n",
                                                        [edit(11, 0, b"\x80\x9c"), edit(19, 0, b"\x9d"),
                                                         edit(3, 0, b"\xff")]))
    write("grammar", "edits-list-quote", grammar_program(b"Head\n\nOne line\nTwo line.\n",
                                                         [edit(15, 0, 14), edit(6, 0, 13), edit(15, 1, 9),
                                                          edit(6, 0, 10), edit(40, 0, 11)], queries=False))
    # repeated texts reach the scanner's bounds: 4,096 extras in a row, long lines, long front matter
    write("grammar", "repeat-comments", grammar_program(b"<!---->" * 16, [edit(9, 0, 10)], repeat=3))
    write("grammar", "repeat-quote-markers", grammar_program(b"> " + b"<!---->" * 15 + b"\n", [edit(30, 0, 1)],
                                                             repeat=3, queries=False))
    write("grammar", "repeat-long-line", grammar_program(b"The \xe2\x80\x9cPost\xe2\x80\x9d (AP) [a](b) ", [edit(0, 0, 1)],
                                                         repeat=3, queries=False))
    write("grammar", "repeat-front-matter", grammar_program(b"---\nkey: value\n", [], repeat=2))


if __name__ == "__main__":
    main()
