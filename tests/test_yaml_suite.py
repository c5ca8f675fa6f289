#!/usr/bin/env python3
"""The inputs of the YAML test suite, as timeline files and inside one.

Usage: test_yaml_suite.py TIMELINE

tests/yaml-suite/cases/ holds the in.yaml of every case of the YAML test
suite, valid YAML and not (see tests/yaml-suite/README.md).  None is a
timeline file, so each must be refused with exit status 1 and
diagnostics that point into it.  For
each case:

- `check`: exit status 1 within 20 s; every line on standard error is
  a diagnostic `FILE:LINE:COL: error|warning|note: ...` whose line and
  column are in the file (a column counts characters, one past the end
  of the line at most), a `FILE: error: ...` line, or the summary; at
  least one error; no control character but the line end and no byte
  that is not UTF-8 reaches the terminal.
- `export --format ics -o OUT`: exit status 1, OUT not written, nothing
  left in its directory.
- `move ID DAY` on a copy: exit status 1, the copy unchanged.
- The case's text, indented, as the value of an unknown key in the first
  of two milestones: the key is an error, and the second milestone is
  still read (the summary counts 2) unless the indented text is not
  YAML (the error says `invalid YAML`).

Prints one 'FAIL: ...' line per failure; exit status 1 when any failed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMELINE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(HERE, "yaml-suite")
ENV = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
DIAG = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|note): \S")
FILE_ERROR = re.compile(r"^.+: error: \S")
SUMMARY = re.compile(r"^\d+ files?, (\d+) milestones?: (\d+) errors?, "
                     r"\d+ warnings?$")
failures = []


def fail(case, what):
    failures.append("%s: %s" % (case, what))
    print("FAIL: %s: %s" % (case, what))


def run(args, case):
    try:
        return subprocess.run([TIMELINE] + args, capture_output=True,
                              timeout=20, env=ENV)
    except subprocess.TimeoutExpired:
        fail(case, "%s did not end in 20 s" % args[0])
        return None


def line_lengths(data):
    """Each line's length in characters, as diagnostics count them."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", "replace")
    return [len(l) for l in
            text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def check_stderr(case, path, data, stderr):
    """The diagnostics' form and places; returns the summary's match."""
    try:
        text = stderr.decode("utf-8")
    except UnicodeDecodeError:
        fail(case, "standard error is not UTF-8")
        return None
    if any(ord(c) < 0x20 and c != "\n" or ord(c) == 0x7f for c in text):
        fail(case, "a control character on standard error")
    lengths = line_lengths(data)
    summary = None
    errors = 0
    for line in text.splitlines():
        m = DIAG.match(line)
        if m and m.group(1) == path:
            ln, col = int(m.group(2)), int(m.group(3))
            if ln < 1 or ln > len(lengths) or col < 1 or \
                    col > lengths[ln - 1] + 1:
                fail(case, "a place outside the file: " + line)
            errors += m.group(4) == "error"
        elif SUMMARY.match(line):
            summary = SUMMARY.match(line)
        elif line.startswith(" "):
            continue        # a diagnostic's quoted line or caret
        elif FILE_ERROR.match(line) and line.startswith(path + ": "):
            errors += 1
        else:
            fail(case, "not a diagnostic: " + line)
    if errors == 0:
        fail(case, "no error")
    if summary is None:
        fail(case, "no summary")
    return summary


def wrapped(data):
    """The case as the value of an unknown key of the first of two
    milestones."""
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    body = b"".join(b"      " + l + b"\n" for l in lines)
    return (b"timeline: suite\nmilestones:\n"
            b"  - id: first\n    title: First\n    date: 2025-01-01\n"
            b"    extra:\n" + body +
            b"  - id: second\n    title: Second\n    date: 2025-02-01\n")


def one(case, path, work):
    with open(path, "rb") as f:
        data = f.read()
    p = run(["check", "--today", "2024-01-01", path], case)
    if p is not None:
        if p.returncode != 1:
            fail(case, "check exited %d" % p.returncode)
        check_stderr(case, path, data, p.stderr)

    out = os.path.join(work, "out", "suite.ics")
    p = run(["export", "--format", "ics", "-o", out, path], case)
    if p is not None:
        if p.returncode != 1:
            fail(case, "export exited %d" % p.returncode)
        if os.listdir(os.path.dirname(out)):
            fail(case, "export left %s" % os.listdir(os.path.dirname(out)))

    copy = os.path.join(work, "copy.yaml")
    shutil.copyfile(path, copy)
    p = run(["move", "some-id", "2025-03-01", copy], case)
    if p is not None:
        if p.returncode != 1:
            fail(case, "move exited %d" % p.returncode)
        with open(copy, "rb") as f:
            if f.read() != data:
                fail(case, "move changed the file")

    inner = os.path.join(work, "wrapped.yaml")
    text = wrapped(data)
    with open(inner, "wb") as f:
        f.write(text)
    p = run(["check", "--today", "2024-01-01", inner], case + " wrapped")
    if p is None:
        return
    if p.returncode != 1:
        fail(case + " wrapped", "check exited %d" % p.returncode)
    summary = check_stderr(case + " wrapped", inner, text, p.stderr)
    err = p.stderr.decode("utf-8", "replace")
    if summary and "invalid YAML" not in err and summary.group(1) != "2":
        fail(case + " wrapped", "the second milestone was lost: " +
             summary.group(0))
    if "unknown key 'extra'" not in err and "invalid YAML" not in err:
        fail(case + " wrapped", "the unknown key was not reported")


def main():
    cases = sorted(os.listdir(os.path.join(SUITE, "cases")))
    if len(cases) < 400:
        fail("suite", "cases missing (%d read)" % len(cases))
    work = tempfile.mkdtemp(prefix="tl-yaml-suite-")
    try:
        os.mkdir(os.path.join(work, "out"))
        for name in cases:
            one(name[:-5], os.path.join(SUITE, "cases", name), work)
    finally:
        shutil.rmtree(work)
    print("%d cases, %d failures" % (len(cases), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
