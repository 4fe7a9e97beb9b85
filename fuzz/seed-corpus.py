#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ with starting inputs taken from the repository (and from the
shared development corpus when it sits beside the repository): real documents cut into pieces
of a few kilobytes at paragraph breaks (libFuzzer mutates small inputs faster), some pieces
joined with 0xFF into multi-document inputs, every shipped rule pack and project file."""

import pathlib
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
PIECE = 3000


def pieces(text):
    out, cur = [], ""
    for para in text.split("\n\n"):
        if cur and len(cur) + len(para) > PIECE:
            out.append(cur)
            cur = ""
        cur += para + "\n\n"
    if cur.strip():
        out.append(cur)
    return out


def main():
    docs = sorted((ROOT / "seeds").glob("*.txt"))
    dev = ROOT.parent / "shared" / "eval" / "dev" / "armenia" / "planted"
    if dev.is_dir():
        docs += sorted(dev.glob("*.txt"))
    pipeline = FUZZ / "corpus" / "pipeline"
    pipeline.mkdir(parents=True, exist_ok=True)
    all_pieces = []
    for doc in docs:
        for i, p in enumerate(pieces(doc.read_text(encoding="utf-8"))):
            data = p.encode("utf-8")
            all_pieces.append(data)
            (pipeline / f"seed-{doc.stem}-{i:03}").write_bytes(data)
    # Multi-document inputs: neighbouring pieces of different documents, 0xFF between them.
    for i in range(0, len(all_pieces) - 1, 3):
        joined = all_pieces[i] + b"\xff" + all_pieces[i + 1]
        (pipeline / f"seed-pair-{i:03}").write_bytes(joined)

    packs = FUZZ / "corpus" / "rule_pack"
    packs.mkdir(parents=True, exist_ok=True)
    for pack in sorted((ROOT / "rules").rglob("*.toml")):
        name = str(pack.relative_to(ROOT / "rules")).replace("/", "-")
        (packs / f"seed-{name}").write_bytes(pack.read_bytes())

    project = FUZZ / "corpus" / "project"
    project.mkdir(parents=True, exist_ok=True)
    for i, conf in enumerate(sorted(ROOT.rglob("concord.toml"))):
        if "target" in conf.parts or "fuzz" in conf.parts:
            continue
        (project / f"seed-{i:02}").write_bytes(conf.read_bytes())
    init = (ROOT / "src" / "cli" / "init.rs").read_text(encoding="utf-8")
    if 'r#"' in init:
        (project / "seed-init").write_text(init.split('r#"', 1)[1].split('"#', 1)[0])
    print(f"seeded {len(list(pipeline.iterdir()))} pipeline, {len(list(packs.iterdir()))} rule_pack, "
          f"{len(list(project.iterdir()))} project inputs", file=sys.stderr)


main()
