"""The SDK's vocabulary runtime imports neither the hub's nor the build's dependencies."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("rdflib", "pyld", "pyshacl", "linkml", "pandas", "yaml", "jsonschema")


def test_runtime_imports_only_stdlib_and_pydantic():
    code = (
        "import sys\n"
        "import junkan_connect.vocab, junkan_connect.vocab.generated.models\n"
        "from junkan_connect.vocab import validate, code_list, to_kg\n"
        "code_list('materials'); to_kg(1, 'TNE')\n"
        f"print(sorted(m for m in {FORBIDDEN!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
