"""Load the LinkML source and code lists into a small resolved model the generators share.

We read the LinkML YAML ourselves instead of running LinkML's generators: the artefacts need
properties LinkML does not produce (a @protected context without @vocab, closed shapes that
also close nested blank nodes, SPARQL check-digit constraints, a compiled validator table),
and the output must be byte-identical on every run.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BUILTIN_BASE = {
    "string": "string",
    "uri": "iri",
    "double": "number",
    "float": "number",
    "integer": "integer",
    "boolean": "boolean",
}
MAX_DOUBLE = 1.7976931348623157e308
# The LinkML metaslots this build understands; anything else is a typo (or a YAML flow-mapping
# comma that split a title), and silently ignoring it would change the artefacts unseen.
_SLOT_KEYS = {
    "range",
    "required",
    "multivalued",
    "identifier",
    "title",
    "description",
    "annotations",
    "exact_mappings",
    "close_mappings",
    "minimum_value",
    "maximum_value",
    "pattern",
    "inlined_as_list",
}
_CLASS_KEYS = {
    "is_a",
    "abstract",
    "title",
    "description",
    "annotations",
    "exact_mappings",
    "close_mappings",
    "slots",
    "slot_usage",
}


@dataclass
class Concept:
    code: str
    label_en: str
    label_ja: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class CodeList:
    name: str  # enum name in the schema, e.g. MaterialCode
    scheme: str  # scheme slug used in IRIs and file names, e.g. materials
    title: str
    label_ja: str
    concepts: list[Concept]
    error: str = "unknown-code"
    superset: str | None = None
    superset_error: str | None = None
    published: bool = True  # False for subsets (e.g. mass units) that share a scheme


@dataclass
class Field:
    name: str
    title: str
    label_ja: str
    description: str
    kind: str  # string | number | integer | boolean | iri | langtext | code | object
    required: bool = False
    multivalued: bool = False
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    error: str = "invalid-pattern"
    check_digit: str | None = None
    single_line: bool = False  # patterned strings may not contain a line break
    codes: str | None = None  # CodeList name for kind == code
    object_class: str | None = None  # class name for kind == object
    type_name: str = ""  # LinkML range name, for docs
    exact: list[str] = field(default_factory=list)
    close: list[str] = field(default_factory=list)


@dataclass
class ClassDef:
    name: str
    title: str
    label_ja: str
    description: str
    description_ja: str
    record: bool
    fields: list[Field]
    exact: list[str] = field(default_factory=list)
    close: list[str] = field(default_factory=list)


@dataclass
class Vocabulary:
    source: dict
    namespace: str
    context_url: str
    codes_base: str
    prefixes: dict[str, str]
    classes: dict[str, ClassDef]
    code_lists: dict[str, CodeList]
    error_codes: list[Concept]

    def expand_curie(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local

    def records(self) -> list[ClassDef]:
        return [c for c in self.classes.values() if c.record]

    def all_fields(self) -> dict[str, Field]:
        """Every property by JSON name; the context is global, so one name has one meaning."""
        out: dict[str, Field] = {}
        for cls in self.classes.values():
            for f in cls.fields:
                out.setdefault(f.name, f)
        return out


def _ann(node: dict, key: str, default=None):
    return (node.get("annotations") or {}).get(key, default)


def _snake(name: str) -> str:
    out = [("_" + ch.lower()) if ch.isupper() else ch for ch in name]
    return "".join(out).lstrip("_")


def camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(p.capitalize() for p in rest)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _load_code_list(root: Path, name: str, enum: dict) -> CodeList:
    file = _ann(enum, "code_list")
    common = dict(
        name=name,
        title=enum.get("title", name),
        label_ja=_ann(enum, "label_ja", ""),
        error=_ann(enum, "error", "unknown-code"),
        superset=_ann(enum, "superset"),
        superset_error=_ann(enum, "superset_error"),
    )
    if file is None:
        concepts = [
            Concept(code, pv.get("title", code), _ann(pv, "label_ja", ""))
            for code, pv in enum["permissible_values"].items()
        ]
        return CodeList(scheme=_snake(name), concepts=concepts, **common)
    rows = _read_csv(root / file)
    filt = _ann(enum, "filter")
    if filt:
        key, _, want = filt.partition("=")
        rows = [r for r in rows if r[key] == want]
    concepts = [
        Concept(
            r["code"],
            r["label_en"],
            r["label_ja"],
            {k: v for k, v in r.items() if k not in ("code", "label_en", "label_ja")},
        )
        for r in rows
    ]
    return CodeList(scheme=Path(file).stem, concepts=concepts, published=not filt, **common)


def _resolve_type(types: dict, rng: str) -> dict:
    """Flatten a LinkML type chain into base kind, pattern, bounds and annotations."""
    chain = []
    while rng in types:
        chain.append(types[rng])
        rng = types[rng]["typeof"]
    info: dict = {"base": BUILTIN_BASE[rng]}
    for t in reversed(chain):
        for key in ("pattern", "minimum_value", "maximum_value"):
            if key in t:
                info[key] = t[key]
        info.update(t.get("annotations") or {})
    return info


def _make_field(src: dict, name: str, slot: dict, usage: dict) -> Field:
    merged = {**slot, **usage}
    rng = merged.get("range", src.get("default_range", "string"))
    f = Field(
        name=name,
        title=merged.get("title", name),
        label_ja=_ann(merged, "label_ja", ""),
        description=merged.get("description", ""),
        kind="string",
        type_name=rng,
        required=bool(merged.get("required")),
        multivalued=bool(merged.get("multivalued")),
        exact=list(merged.get("exact_mappings", [])),
        close=list(merged.get("close_mappings", [])),
    )
    if rng in src.get("classes", {}):
        f.kind, f.object_class = "object", rng
    elif rng in src.get("enums", {}):
        f.kind, f.codes = "code", rng
    else:
        info = _resolve_type(src.get("types", {}), rng)
        f.kind = "langtext" if info.get("jsonld_container") == "@language" else info["base"]
        f.pattern = info.get("pattern")
        f.minimum = info.get("minimum_value")
        f.maximum = info.get("maximum_value")
        f.error = info.get("error", "invalid-iri" if f.kind == "iri" else "invalid-pattern")
        f.check_digit = info.get("check_digit")
        # Python's re (used by pyshacl and by us) lets `$` match before a final newline, so
        # line breaks are excluded explicitly rather than through the pattern.
        f.single_line = bool(f.pattern) and not info.get("multiline", False)
    if "minimum_value" in merged:
        f.minimum = merged["minimum_value"]
    if "maximum_value" in merged:
        f.maximum = merged["maximum_value"]
    return f


def _class_fields(src: dict, name: str) -> list[Field]:
    cls = src["classes"][name]
    inherited = _class_fields(src, cls["is_a"]) if "is_a" in cls else []
    usage = cls.get("slot_usage") or {}
    own = [_make_field(src, s, src["slots"][s], usage.get(s) or {}) for s in cls.get("slots", [])]
    # a subclass may tighten an inherited slot through slot_usage
    inherited = [
        _make_field(src, f.name, src["slots"][f.name], usage[f.name]) if f.name in usage else f
        for f in inherited
    ]
    return inherited + own


def _check_keys(src: dict) -> None:
    problems = [
        f"slot {name}: {sorted(set(slot) - _SLOT_KEYS)}"
        for name, slot in src["slots"].items()
        if set(slot) - _SLOT_KEYS
    ]
    for name, cls in src["classes"].items():
        if set(cls) - _CLASS_KEYS:
            problems.append(f"class {name}: {sorted(set(cls) - _CLASS_KEYS)}")
        for slot, usage in (cls.get("slot_usage") or {}).items():
            if set(usage) - _SLOT_KEYS:
                problems.append(f"class {name} slot_usage {slot}: {sorted(set(usage))}")
    if problems:
        raise ValueError("unsupported LinkML keys: " + "; ".join(problems))


def load(root: Path) -> Vocabulary:
    src = yaml.safe_load((root / "junkan.yaml").read_text(encoding="utf-8"))
    _check_keys(src)
    prefixes = dict(src["prefixes"])
    prefixes.update(
        {
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }
    )
    code_lists = {n: _load_code_list(root, n, e) for n, e in src["enums"].items()}
    classes = {}
    for name, cls in src["classes"].items():
        if cls.get("abstract"):
            continue
        record = cls.get("is_a") == "Record"
        classes[name] = ClassDef(
            name=name,
            title=cls.get("title", name),
            label_ja=_ann(cls, "label_ja", ""),
            description=cls.get("description", ""),
            description_ja=_ann(cls, "description_ja", ""),
            record=record,
            fields=[f for f in _class_fields(src, name) if f.name != "id"],
            exact=list(cls.get("exact_mappings", [])),
            close=list(cls.get("close_mappings", [])),
        )
    errors = [
        Concept(r["code"], r["label_en"], r["label_ja"])
        for r in _read_csv(root / "error_codes.csv")
    ]
    return Vocabulary(
        source=src,
        namespace=prefixes["jk"],
        context_url=_ann(src, "context_url"),
        codes_base=_ann(src, "codes_base"),
        prefixes=prefixes,
        classes=classes,
        code_lists=code_lists,
        error_codes=errors,
    )
