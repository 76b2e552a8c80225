#!/usr/bin/env python3
"""Makes the Bot API extract the conformance tests read, from Telegram's full machine-readable spec.

The tests need only names, JSON types, which fields are required, union members and the fixed value
of discriminator fields ("type": always "user"); the descriptions are 90 % of the full file and stay
out. The extract is committed, so a clone tests without anything beside it.

  scripts/spec-extract.py [--spec PATH] [--out PATH] [--check]

--check writes nothing and exits 1 when the committed extract differs from what the spec gives.
"""
import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = REPO.parent / "shared" / "reference" / "telegram-bot-api" / "api.json"
DEFAULT_OUT = REPO / "Tests" / "BotAPITests" / "Fixtures" / "bot-api-extract.json"

# always "user" / always “user” / must be photo
FIXED = re.compile(r'(?:always|must be)\s+["“]?([A-Za-z_]+)["”]?')
QUOTED = re.compile(r'["“]([A-Za-z_]+)["”]')


def discriminator(field):
    """The value a `type`/`status` field must hold, or an example of what it may hold."""
    if field["name"] not in ("type", "status") or field["types"] != ["String"]:
        return None
    text = field.get("description", "")
    fixed = FIXED.search(text)
    if fixed:
        return fixed.group(1)
    quoted = QUOTED.search(text)
    return quoted.group(1) if quoted else None


def entry(raw):
    fields = []
    for f in raw.get("fields", []):
        out = {"name": f["name"], "types": f["types"], "required": bool(f.get("required", False))}
        value = discriminator(f)
        if value is not None:
            out["value"] = value
        fields.append(out)
    result = {"fields": fields}
    if raw.get("subtypes"):
        result["subtypes"] = raw["subtypes"]
    return result


def extract(spec_bytes):
    spec = json.loads(spec_bytes)
    # One entry a line: a new Bot API version shows as a readable diff.
    lines = ["{",
             f'"version": {json.dumps(spec.get("version", "?"))},',
             f'"source_sha256": "{hashlib.sha256(spec_bytes).hexdigest()}",']
    for section in ("types", "methods"):
        lines.append(f'"{section}": {{')
        names = sorted(spec[section])
        for i, name in enumerate(names):
            comma = "," if i + 1 < len(names) else ""
            lines.append(f"{json.dumps(name)}: {json.dumps(entry(spec[section][name]), ensure_ascii=False, separators=(',', ':'))}{comma}")
        lines.append("}," if section == "types" else "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.spec.is_file():
        print(f"The full Bot API spec is not at {args.spec}; the committed extract "
              f"{args.out.relative_to(REPO)} is used as it is (pass --spec PATH to compare).", file=sys.stderr)
        return 0 if args.check else 2
    made = extract(args.spec.read_bytes())
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    name = args.out.relative_to(REPO)
    if made == current:
        print(f"{name} is current ({json.loads(made)['version']}).")
        return 0
    if args.check:
        print(f"{name} is NOT current: run `make spec-extract` and commit the result.", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(made, encoding="utf-8")
    print(f"{name} {'updated' if current else 'written'} from {args.spec} ({json.loads(made)['version']}): commit it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
