#!/usr/bin/env python3
"""The suite schema (docs/custom-suite.schema.json) against the tool's reader.

Every shipped example (examples/suites, JSON and TOML) must validate against the schema and
be read by the tool. Every case of tests/data/suite/cases.json is given to both, and both
must say what the case says: a differential test, so that the schema a user checks a suite
with and the reader that runs it cannot drift apart. The few rules the schema cannot state
are cases with `schema_valid` and `reader_valid`, each with the reason.

Usage: suite_schema_test.py SUITE_READ SCHEMA CASES EXAMPLES_DIR
Needs Debian's python3-jsonschema (scripts/setup.sh).
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile
import tomllib

try:
    import jsonschema
except ImportError:
    sys.exit("suite_schema_test: python3-jsonschema is missing (scripts/setup.sh installs it)")


def apply(base, case):
    document = copy.deepcopy(base)
    for pointer in case.get("remove", []):
        *parents, last = resolve(pointer)
        del walk(document, parents)[last]
    for pointer, value in case.get("set", []):
        if isinstance(value, str) and value.startswith("COPY "):
            value = copy.deepcopy(walk(document, resolve(value[5:])))
        *parents, last = resolve(pointer)
        target = walk(document, parents)
        if isinstance(target, list) and last == len(target):
            target.append(value)
        else:
            target[last] = value
    return document


def resolve(pointer):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    return [int(p) if p.isdigit() else p for p in parts]


def walk(document, parts):
    for part in parts:
        document = document[part]
    return document


def read(reader, path):
    """(accepted, canonical JSON or the error line) from the tool's reader."""
    run = subprocess.run([reader, str(path)], capture_output=True, text=True, timeout=60)
    if run.returncode not in (0, 2):
        raise AssertionError(f"suite_read {path}: exit status {run.returncode}: {run.stderr}")
    if run.returncode == 0:
        return True, json.loads(run.stdout)
    lines = run.stderr.strip().splitlines()
    if len(lines) != 1:
        raise AssertionError(f"suite_read {path}: expected one error line, got {run.stderr!r}")
    return False, lines[0]


def main():
    reader, schema_path, cases_path, examples = sys.argv[1:5]
    schema = json.loads(pathlib.Path(schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    example_files = sorted(pathlib.Path(examples).glob("*.json")) + sorted(
        pathlib.Path(examples).glob("*.toml"))
    if not any(p.suffix == ".toml" for p in example_files):
        failures.append(f"no TOML example in {examples}")
    for path in example_files:
        with path.open("rb") as stream:
            document = tomllib.load(stream) if path.suffix == ".toml" else json.load(stream)
        errors = [e.message for e in validator.iter_errors(document)]
        if errors:
            failures.append(f"{path.name}: the schema rejects it: {errors[0]}")
        accepted, said = read(reader, path)
        if not accepted:
            failures.append(f"{path.name}: the reader rejects it: {said}")

    data = json.loads(pathlib.Path(cases_path).read_text())
    with tempfile.TemporaryDirectory() as folder:
        for index, case in enumerate(data["cases"]):
            document = apply(data["base"], case)
            file = pathlib.Path(folder) / f"case{index}.json"
            file.write_text(json.dumps(document))
            schema_says = validator.is_valid(document)
            reader_says, said = read(reader, file)
            want_schema = case.get("schema_valid", case.get("valid"))
            want_reader = case.get("reader_valid", case.get("valid"))
            if want_schema is None or want_reader is None:
                failures.append(f"case '{case['name']}': says neither valid nor schema_valid")
                continue
            if "schema_valid" in case and not case.get("why"):
                failures.append(f"case '{case['name']}': a disagreement must say why")
            if schema_says != want_schema:
                failures.append(f"case '{case['name']}': the schema says "
                                f"{'valid' if schema_says else 'invalid'}, expected "
                                f"{'valid' if want_schema else 'invalid'}")
            if reader_says != want_reader:
                failures.append(f"case '{case['name']}': the reader says "
                                f"{'valid' if reader_says else 'invalid: ' + said}, expected "
                                f"{'valid' if want_reader else 'invalid'}")
            elif not reader_says and not said.startswith(f"--suite {file}: "):
                failures.append(f"case '{case['name']}': the error does not name the file: {said}")

    for failure in failures:
        print("FAIL", failure)
    print(f"suite_schema_test: {len(example_files)} examples, {len(data['cases'])} cases, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
