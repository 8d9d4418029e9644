"""Generate every vocabulary artefact from schemas/junkan.yaml and the code lists.

    python schemas/build.py            # write the artefacts
    python schemas/build.py --check    # exit 1 if a committed artefact differs
    python schemas/build.py --out DIR  # write into DIR (same relative layout) instead

Output is deterministic: rerunning gives byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from junkan_build import (  # noqa: E402
    gen_docs,
    gen_json,
    gen_jsonschema,
    gen_models,
    gen_shacl,
    gen_vocab,
)
from junkan_build.model import load  # noqa: E402

GENERATED = Path("connectors/junkan_connect/vocab/generated")
DOCS = Path("docs/vocabulary")
_INIT = '"""Artefacts generated from schemas/junkan.yaml by schemas/build.py. Do not edit."""\n'


def artefacts() -> dict[Path, str]:
    """Relative path → file content, for everything the build owns."""
    vocab = load(HERE)
    out: dict[Path, str] = {
        GENERATED / "__init__.py": _INIT,
        GENERATED / "context-v1.jsonld": gen_json.dumps(gen_json.context(vocab)),
        GENERATED / "validator.json": gen_json.dumps(gen_json.validator_table(vocab)),
        GENERATED / "junkan.schema.json": gen_json.dumps(gen_jsonschema.json_schema(vocab)),
        GENERATED / "shapes.ttl": gen_shacl.shapes(vocab),
        GENERATED / "vocab.ttl": gen_vocab.vocabulary_turtle(vocab),
        GENERATED / "models.py": gen_models.models_source(vocab),
        DOCS / "README.md": gen_docs.readme_page(vocab),
        DOCS / "classes.md": gen_docs.classes_page(vocab),
        DOCS / "code-lists.md": gen_docs.code_lists_page(vocab),
        DOCS / "error-codes.md": gen_docs.errors_page(vocab),
        DOCS / "alignments.md": gen_docs.alignments_page(vocab),
    }
    for cl in vocab.code_lists.values():
        if cl.published:
            doc = gen_json.code_list_document(vocab, cl)
            out[GENERATED / "codes" / f"{cl.scheme}.json"] = gen_json.dumps(doc)
    return out


def write(root: Path) -> list[Path]:
    written = []
    for rel, text in sorted(artefacts().items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(rel)
    return written


def check(root: Path) -> list[Path]:
    """Paths whose committed content differs from a fresh build."""
    stale = []
    for rel, text in sorted(artefacts().items()):
        path = root / rel
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            stale.append(rel)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO)
    args = parser.parse_args(argv)
    if args.check:
        stale = check(args.out)
        for rel in stale:
            print(f"stale: {rel}", file=sys.stderr)
        return 1 if stale else 0
    for rel in write(args.out):
        print(rel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
