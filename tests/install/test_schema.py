#!/usr/bin/env python3
"""Checks schema/timeline.schema.json against timeline files.

Every good file must be valid and every file in schema-bad/ invalid.  The
files are read as an editor's YAML language server reads them (YAML 1.2:
2026 is a number, 2025-12-16 and 10:00 are strings).  With --timeline, the
tool itself must agree: it accepts the good files written for this test and
the example of timeline(5), and rejects every bad one.

usage: test_schema.py --source DIR [--timeline BINARY]
Exits 77 (skipped) when python3-jsonschema or python3-yaml is missing.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77

try:
    import yaml
    from jsonschema import Draft202012Validator
except ImportError as e:
    print("skipped: %s (install python3-yaml and python3-jsonschema)" % e)
    sys.exit(SKIP)


class Yaml12Loader(yaml.SafeLoader):
    """The YAML 1.2 core schema: no timestamps, no sexagesimal numbers,
    no yes/no booleans, no octal with a bare leading 0."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$",
     ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$",
     list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(regexp), first)


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def man_example(man5):
    """The timeline file shown under EXAMPLES in timeline(5)."""
    lines, state = [], 0
    with open(man5, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if state == 0 and line.startswith(".Sh EXAMPLES"):
                state = 1
            elif state == 1 and line.startswith(".Bd -literal"):
                state = 2
            elif state == 2 and line == ".Ed":
                break
            elif state == 2:
                lines.append(line.replace("\\-", "-").replace("\\e", "\\"))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--timeline")
    args = ap.parse_args()
    src = os.path.abspath(args.source)
    here = os.path.join(src, "tests", "install")

    with open(os.path.join(src, "schema", "timeline.schema.json")) as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    failures = []
    # The schema knows the keys the checker knows and the statuses of the
    # model.
    tables = {}
    for name in ("check.c", "milestone.c"):
        with open(os.path.join(src, "src", name), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"static const char \*const (\w+)\[[^]]*\] = "
                             r"\{([^}]*)\};", text):
            tables[m.group(1)] = sorted(re.findall(r'"([^"]*)"',
                                                   m.group(2)))
    defs = schema["$defs"]
    history = defs["milestone"]["properties"]["history"]["items"]
    for table, keys in [
            ("header_keys", schema["properties"]),
            ("milestone_keys", defs["milestone"]["properties"]),
            ("relative_keys", defs["relative"]["properties"]),
            ("history_keys", history["properties"]),
            ("status_names",
             defs["milestone"]["properties"]["status"]["enum"])]:
        if tables.get(table) != sorted(keys):
            failures.append("src/ %s is %s, the schema has %s" % (
                table, tables.get(table), sorted(keys)))

    own_good = sorted(glob.glob(os.path.join(here, "schema-good", "*.yaml")))
    good = sorted(glob.glob(os.path.join(src, "timeline", "*.y*ml")))
    good += sorted(glob.glob(os.path.join(src, "..", "shared", "conformance",
                                          "good", "*.yaml")))
    good += sorted(glob.glob(os.path.join(src, "tests", "**", "good*",
                                          "*.yaml"), recursive=True))
    good += own_good
    bad = sorted(glob.glob(os.path.join(here, "schema-bad", "*.yaml")))

    tmp = tempfile.TemporaryDirectory()
    example = os.path.join(tmp.name, "example.yaml")
    text = man_example(os.path.join(src, "man", "timeline.5"))
    with open(example, "w", encoding="utf-8") as f:
        f.write(text)
    if not text.startswith("# yaml-language-server: $schema="
                           "/usr/share/timeline/timeline.schema.json\n"):
        failures.append("timeline(5) EXAMPLES: the example does not start "
                        "with the yaml-language-server line")
    good.append(example)
    own_good.append(example)
    if len(bad) < 10 or len(own_good) < 2:
        failures.append("too few files found under %s" % here)

    def name(path):
        return "timeline(5) EXAMPLES" if path == example else \
            os.path.relpath(path, src)

    for path in good:
        errors = list(validator.iter_errors(load(path)))
        for e in errors:
            failures.append("%s: should be valid: at /%s: %s" % (
                name(path), "/".join(str(p) for p in e.absolute_path),
                e.message[:200]))
    for path in bad:
        if validator.is_valid(load(path)):
            failures.append("%s: should be invalid, the schema accepts it"
                            % name(path))

    if args.timeline:
        # The tool must agree with the verdicts on the files written here;
        # one file a run, several runs at once.
        def check(path):
            return subprocess.run([args.timeline, "check", "--today",
                                   "2026-01-01", path], capture_output=True,
                                  text=True, timeout=60)
        runs = [(p, 0) for p in own_good] + [(p, 1) for p in bad]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = pool.map(check, [p for p, _ in runs])
            for (path, want), r in zip(runs, results):
                if r.returncode != want:
                    failures.append("%s: timeline check exits %d, not %d:\n%s"
                                    % (name(path), r.returncode, want,
                                       r.stderr))

    for f in failures:
        print("FAIL " + f)
    print("%d good and %d bad files, %d failures" % (len(good), len(bad),
                                                    len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
