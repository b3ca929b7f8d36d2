#!/usr/bin/env python3
"""Check Accord's JSON Schemas and the fixtures that exercise them.

    Tools/validate-fixtures.py [REPO_ROOT] [--json] [--verbose]

REPO_ROOT defaults to the parent of this script's folder. The script

  * checks that every Schemas/*.schema.json is a valid JSON Schema 2020-12,
    that its $id ends with its file name, that every $ref in it resolves
    (offline: the schemas are registered under their $id, so the relative
    refs such as "common.schema.json#/$defs/date" resolve to the files in
    Schemas/, and nothing is fetched from the network), and that the schema
    itself and every property and $defs entry has a description;
  * validates every fixture Tests/Fixtures/<kind>/{valid,invalid}/*.json
    against the schema of its kind (claims: append-line.schema.json,
    envelopes: envelope.schema.json, bundle-headers: bundle-header.schema.json).

It prints one line per schema and per fixture:

    ok valid claims/valid/treaty-ccm.json
    ok invalid claims/invalid/date-month-13.json: /date: '2024-13' does not match ...
    FAIL valid claims/valid/x.json: <why the schema rejected it>
    FAIL invalid claims/invalid/y.json: accepted by the schema

and exits 1 if a schema is bad, a valid fixture is rejected, an invalid one
is accepted, a fixture is not one strict JSON object (duplicate keys, NaN,
trailing data), a kind lacks valid or invalid fixtures, or there are fewer
than 30 fixtures in all.

With --json it prints instead one JSON object mapping each fixture's path
(relative to Tests/Fixtures, as above) to true when the schema accepts it
and false when it rejects it; problems go to stderr and the exit status is
the same as without --json. A fixture that cannot be parsed maps to false.

Patterns are matched as ECMA-262 regular expressions, as JSON Schema
requires: "$" matches only at the very end of the string (Python's "$" also
matches before a final newline, which would accept "2024\\n" as a date).

Needs the PyPI packages jsonschema (>= 4.18) and referencing.
"""

import argparse
import functools
import json
import re
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError, ValidationError, best_match
    from referencing import Registry
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012
except ImportError as error:  # pragma: no cover
    sys.exit(f"validate-fixtures: {error}; install with: python3 -m pip install jsonschema referencing")

KIND_SCHEMAS = {
    "claims": "append-line.schema.json",
    "envelopes": "envelope.schema.json",
    "bundle-headers": "bundle-header.schema.json",
}
OUTCOMES = ("valid", "invalid")
MIN_FIXTURES = 30
DIALECT = "https://json-schema.org/draft/2020-12/schema"


# --- ECMA-262 patterns ------------------------------------------------------

@functools.lru_cache(maxsize=None)
def ecma_regex(pattern):
    """Compiles an ECMA-262 pattern with Python's re, rewriting every "$"
    outside a character class to "\\Z" (the end of the string only)."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
        i += 1
    return re.compile("".join(out))


def ecma_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def properties_keyword(validator, properties, instance, schema):
    """properties, with a located error for a `false` subschema (a key that
    is forbidden in this branch): jsonschema 4.2x reports those without
    their path, as "False schema does not allow ..." on the parent."""
    if not validator.is_type(instance, "object"):
        return
    for name, subschema in properties.items():
        if name not in instance:
            continue
        if subschema is False:
            yield ValidationError(f"{name!r} is not allowed here",
                                  path=[name], schema_path=[name])
        else:
            yield from validator.descend(instance[name], subschema, path=name, schema_path=name)


Validator = validators.extend(
    Draft202012Validator,
    {"pattern": ecma_pattern, "properties": properties_keyword},
)
# jsonschema picks the validator class of a subschema from its "$schema"
# (every Accord schema names 2020-12), so register this class for 2020-12,
# or $ref'd schemas would be checked by the unmodified Draft202012Validator.
validators.validates("draft2020-12")(Validator)


# --- strict JSON ------------------------------------------------------------

class FixtureError(Exception):
    pass


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise FixtureError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name):
    raise FixtureError(f"{name} is not JSON")


def load_json(path):
    """One JSON value, strictly: UTF-8, no duplicate keys, no NaN/Infinity."""
    try:
        text = path.read_bytes().decode("utf-8")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(str(error)) from None


# --- schemas ----------------------------------------------------------------

def walk_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from walk_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk_refs(item)


def missing_descriptions(node, where="#"):
    """Pointers of the schema, its $defs and its properties (recursively)
    that have no description. Boolean schemas (true/false) are skipped."""
    if not isinstance(node, dict):
        return
    if "description" not in node:
        yield where
    for keyword in ("$defs", "properties"):
        for name, sub in node.get(keyword, {}).items():
            yield from missing_descriptions(sub, f"{where}/{keyword}/{name}")
    for keyword in ("items", "additionalProperties"):
        if isinstance(node.get(keyword), dict):
            yield from missing_descriptions(node[keyword], f"{where}/{keyword}")
    for index, sub in enumerate(node.get("prefixItems", [])):
        yield from missing_descriptions(sub, f"{where}/prefixItems/{index}")


def load_schemas(schema_dir, report):
    """Returns (registry, {file name: schema}); reports each schema."""
    schemas, problems = {}, {}
    paths = sorted(schema_dir.glob("*.schema.json"))
    if not paths:
        report(False, f"FAIL schemas: no *.schema.json in {schema_dir}")
    for path in paths:
        try:
            schema = load_json(path)
        except FixtureError as error:
            problems[path.name] = [f"not JSON: {error}"]
            continue
        schemas[path.name] = schema
        issues = problems.setdefault(path.name, [])
        if not isinstance(schema, dict):
            issues.append("not a JSON object")
            continue
        if schema.get("$schema") != DIALECT:
            issues.append(f"$schema is not {DIALECT}")
        if not str(schema.get("$id", "")).endswith("/" + path.name):
            issues.append(f"$id {schema.get('$id')!r} does not end with /{path.name}")
        try:
            Validator.check_schema(schema)
        except SchemaError as error:
            issues.append(f"not a valid 2020-12 schema: {error.message} at {error.json_path}")
        for pointer in missing_descriptions(schema):
            issues.append(f"no description at {pointer}")

    registry = Registry().with_resources(
        (schema["$id"], DRAFT202012.create_resource(schema))
        for schema in schemas.values()
        if isinstance(schema, dict) and isinstance(schema.get("$id"), str)
    ).crawl()
    for name, schema in schemas.items():
        if not isinstance(schema, dict) or not isinstance(schema.get("$id"), str):
            continue
        resolver = registry.resolver(base_uri=schema["$id"])
        for ref in sorted(set(walk_refs(schema))):
            try:
                resolver.lookup(ref)
            except Unresolvable:
                problems[name].append(f"$ref {ref!r} does not resolve")
    for name in sorted(problems):
        if problems[name]:
            for issue in problems[name]:
                report(False, f"FAIL schema {name}: {issue}")
        else:
            report(True, f"ok schema {name}")
    return registry, schemas, any(problems.values()) or not paths


# --- fixtures ---------------------------------------------------------------

def describe(error, limit=300):
    where = error.json_path if error.path else "$"
    message = error.message
    if len(message) > limit:
        message = message[:limit - 20] + " … " + message[-17:]
    return f"{where}: {message}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent.parent,
                        help="the repository root (default: the parent of this script's folder)")
    parser.add_argument("--json", action="store_true",
                        help="print {fixture path: accepted} as one JSON object")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="print every error of a rejected fixture, not only the most relevant")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    fixtures_dir = root / "Tests" / "Fixtures"
    results = {}
    failed = False

    def report(good, line):
        # With --json, stdout holds only the JSON object; problems go to stderr.
        if not args.json:
            print(line)
        elif not good:
            print(line, file=sys.stderr)

    registry, schemas, schemas_bad = load_schemas(root / "Schemas", report)
    if schemas_bad:
        report(False, "FAIL fixtures: not checked, fix the schemas first")
        if args.json:
            print("{}")
        return 1

    count = 0
    for kind, schema_name in KIND_SCHEMAS.items():
        schema = schemas.get(schema_name)
        if not isinstance(schema, dict):
            report(False, f"FAIL {kind}: schema {schema_name} is missing")
            failed = True
            continue
        validator = Validator({"$ref": schema["$id"]}, registry=registry)
        for outcome in OUTCOMES:
            folder = fixtures_dir / kind / outcome
            paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
            if not paths:
                report(False, f"FAIL {kind}/{outcome}: no fixtures in {folder}")
                failed = True
            for path in paths:
                count += 1
                name = path.relative_to(fixtures_dir).as_posix()
                try:
                    instance = load_json(path)
                    if not isinstance(instance, dict):
                        raise FixtureError("a fixture must hold one JSON object")
                except FixtureError as error:
                    results[name] = False
                    report(False, f"FAIL {outcome} {name}: bad fixture: {error}")
                    failed = True
                    continue
                try:
                    errors = list(validator.iter_errors(instance))
                except Exception as error:  # a schema bug the checks above missed
                    results[name] = False
                    report(False, f"FAIL {outcome} {name}: validator error: {error!r}")
                    failed = True
                    continue
                results[name] = not errors
                if outcome == "valid":
                    if errors:
                        failed = True
                        report(False, f"FAIL valid {name}: {describe(best_match(errors))}")
                    else:
                        report(True, f"ok valid {name}")
                else:
                    if errors:
                        report(True, f"ok invalid {name}: {describe(best_match(errors))}")
                    else:
                        failed = True
                        report(False, f"FAIL invalid {name}: accepted by the schema")
                if args.verbose and errors and not args.json:
                    for error in sorted(errors, key=lambda e: list(e.path)):
                        print(f"    {describe(error)}")

    if count < MIN_FIXTURES:
        report(False, f"FAIL fixtures: {count} in all, at least {MIN_FIXTURES} expected")
        failed = True

    if args.json:
        json.dump(results, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        summary = f"{count} fixtures, {len(schemas)} schemas: " + ("FAILED" if failed else "all as expected")
        print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
