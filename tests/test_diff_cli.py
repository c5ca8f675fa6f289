#!/usr/bin/env python3
"""timeline diff OLD NEW on the fixture directories tests/diff/old and new.

Text, colour, Markdown and JSON are compared byte for byte with their
golden files; the JSON is also read by Python's json module and compared
with the expected document; then the exit statuses: --exit-code, errors
in either version, usage and read errors.

usage: test_diff_cli.py TIMELINE DIFF_DIR [--update]
"""
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile

failures = 0


def fail(what):
    global failures
    failures += 1
    print("FAIL: " + what)


def run(tl, *args, cwd=None):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    p = subprocess.run([tl, "diff", *args], capture_output=True, cwd=cwd,
                       env=env)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def run_on_terminal(tl, *args):
    """Runs timeline diff with standard output on a pseudo-terminal;
    returns the exit status and what reached the terminal."""
    master, slave = pty.openpty()
    p = subprocess.Popen([tl, "diff", *args], stdout=slave,
                         stderr=subprocess.DEVNULL)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out


def main():
    tl, d = os.path.abspath(sys.argv[1]), sys.argv[2]
    update = "--update" in sys.argv
    old, new = os.path.join(d, "old"), os.path.join(d, "new")

    goldens = [
        ("expected.txt", []),
        ("expected-color.txt", ["--color", "always"]),
        ("expected.md", ["--format", "markdown"]),
        ("expected.json", ["--format", "json"]),
    ]
    for name, args in goldens:
        rc, out, err = run(tl, *args, old, new)
        if rc != 0 or err:
            fail(f"{name}: exit {rc}, stderr {err!r}")
        path = os.path.join(d, name)
        if update:
            with open(path, "wb") as f:
                f.write(out)
            continue
        with open(path, "rb") as f:
            if f.read() != out:
                fail(f"{name}: output differs from the golden file")

    # The JSON read by an independent parser, against the document
    # expected (tests/diff/expected.json, reviewed by hand).
    rc, out, err = run(tl, "--format", "json", old, new)
    doc = json.loads(out)
    with open(os.path.join(d, "expected.json")) as f:
        if doc != json.load(f):
            fail("JSON differs from expected.json once parsed")
    if list(doc) != ["changes"]:
        fail(f"JSON keys: {list(doc)}")
    keys = ["milestone", "kind", "old", "new", "status", "fields"]
    for c in doc["changes"]:
        if list(c) != keys:
            fail(f"change keys: {list(c)}")
        for side in ("old", "new"):
            w = c[side]
            if w is not None and list(w) != ["start", "end", "precision",
                                             "approximate"]:
                fail(f"window keys: {list(w)}")
    kinds = {c["kind"] for c in doc["changes"]}
    for k in ("added", "removed", "later", "earlier", "narrowed", "widened",
              "firmed", "softened", None):
        if k not in kinds:
            fail(f"the fixture shows no change of kind {k}")

    # The window objects are those of the JSON export.
    p = subprocess.run([tl, "export", "--format", "json", new],
                       capture_output=True, check=True)
    export = {m["timeline"] + "/" + m["id"]: m["window"]
              for m in json.loads(p.stdout)["milestones"]}
    for c in doc["changes"]:
        if c["new"] is not None and export[c["milestone"]] != c["new"]:
            fail(f"{c['milestone']}: window not as the export's")

    # Markdown: a title's markup characters are escaped, so that it
    # reads as written, not as emphasis, a link, HTML or an entity.
    with tempfile.TemporaryDirectory() as tmp:
        for side, date in (("a", "2027-05"), ("b", "2027-06")):
            os.makedirs(os.path.join(tmp, side))
            with open(os.path.join(tmp, side, "t.yaml"), "w") as f:
                f.write("timeline: t\nmilestones:\n  - id: m\n"
                        "    title: 'A *big* [launch](x) <b>|_~`\\&amp;'\n"
                        "    date: %s\n" % date)
        rc, out, err = run(tl, "--format", "markdown",
                           os.path.join(tmp, "a"), os.path.join(tmp, "b"))
        want = (b"- **A \\*big\\* \\[launch\\](x) \\<b\\>\\|\\_\\~"
                b"\\`\\\\\\&amp;** (`t/m`) later: May 2027 -> Jun 2027 "
                b"(+31 days)\n")
        if rc != 0 or out != want:
            fail(f"markdown of a title with markup: {out!r}, want {want!r}")

    # Markdown: white space at either end of a title (a quoted space, a
    # no-break space) is a character reference, so that the bold around
    # it still opens and closes, as a CommonMark reader (cmark) shows.
    with tempfile.TemporaryDirectory() as tmp:
        titles = ("'Ship it '", "' Beta'", '"Gamma\u00a0"',
                  '"\u3000Delta *x* "')
        for side, date in (("a", "2027-05"), ("b", "2027-06")):
            os.makedirs(os.path.join(tmp, side))
            with open(os.path.join(tmp, side, "t.yaml"), "w") as f:
                f.write("timeline: t\nmilestones:\n" + "".join(
                    "  - id: m%d\n    title: %s\n    date: %s\n" %
                    (i, t, date) for i, t in enumerate(titles)))
        rc, out, err = run(tl, "--format", "markdown",
                           os.path.join(tmp, "a"), os.path.join(tmp, "b"))
        for want in (b"- **Ship it&#x20;** (`t/m0`)",
                     b"- **&#x20;Beta** (`t/m1`)",
                     b"- **Gamma&#xA0;** (`t/m2`)",
                     b"- **&#x3000;Delta \\*x\\*&#x20;** (`t/m3`)"):
            if rc != 0 or want not in out:
                fail(f"markdown of a title with white space at an end: "
                     f"{out!r}, want {want!r}")
        if shutil.which("cmark") is None:
            print("skip: no cmark to read the markdown")
        else:
            html = subprocess.run(["cmark"], input=out, capture_output=True,
                                  check=True).stdout.decode()
            for want in ("<strong>Ship it </strong>",
                         "<strong> Beta</strong>",
                         "<strong>Gamma\u00a0</strong>",
                         "<strong>\u3000Delta *x* </strong>"):
                if want not in html:
                    fail(f"cmark reads no {want!r} in {html!r}")

    # An OLD that is no path (a revision, as git diff takes it) is said
    # to be unreadable, and how to compare with a revision; a path that
    # is there but cannot be read gets no such word.
    hint = "timeline: to compare with a git revision, name it with --since"
    rc, out, err = run(tl, "HEAD", new)
    if rc != 2 or out or "HEAD: error: cannot read" not in err or \
            hint not in err:
        fail(f"diff HEAD NEW: exit {rc}, {out!r}, {err!r}")
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w") as f:
            f.write("timeline: t\nmilestones:\n"
                    "  - {id: a, title: A, date: 2026-02-30}\n")
        rc, out, err = run(tl, bad, new)
        if rc != 1 or hint in err:
            fail(f"diff BAD NEW: exit {rc}, {err!r}")

    # Exit statuses.
    rc, out, err = run(tl, "--exit-code", old, new)
    if rc != 1 or not out:
        fail(f"--exit-code with changes: exit {rc}")
    rc, out, err = run(tl, "--exit-code", new, new)
    if rc != 0 or out or err:
        fail(f"--exit-code without changes: exit {rc}, {out!r} {err!r}")
    rc, out, err = run(tl, "--format", "json", "--exit-code", old, old)
    if rc != 0 or out != b'{"changes":[]}\n':
        fail(f"json without changes: exit {rc}, {out!r}")
    rc, out, err = run(tl, old, new)
    if rc != 0:
        fail(f"changes without --exit-code: exit {rc}")

    # On a terminal, no change is said (in a pipe, nothing is written,
    # as above: git diff's way).
    for args, want in (((new, new), b"no milestone changed\r\n"),
                       (("--color", "always", new, new),
                        b"no milestone changed\r\n"),
                       (("--format", "markdown", new, new), b"")):
        rc, out = run_on_terminal(tl, *args)
        if rc != 0 or out != want:
            fail(f"{args} on a terminal: exit {rc}, {out!r}")

    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad")
        shutil.copytree(new, bad, copy_function=shutil.copyfile)
        with open(os.path.join(bad, "docs.yaml"), "a") as f:
            f.write("  - id: broken\n    title: Broken\n    date: 2026-13\n")
        for pair, first in (((bad, new), bad), ((old, bad), bad)):
            rc, out, err = run(tl, "--exit-code", *pair)
            want = first + "/docs.yaml:14:11: error: invalid date '2026-13'"
            if rc != 1 or out or want not in err:
                fail(f"errors in {pair}: exit {rc}, {out!r}, {err!r}")
        rc, out, err = run(tl, old, os.path.join(tmp, "missing"))
        if rc != 2 or out or "missing: error: cannot read" not in err:
            fail(f"a missing NEW: exit {rc}, {err!r}")

    # A milestone removed whose title an added one has (a renamed id,
    # or one moved to another timeline) gets a note on standard error:
    # calendars take it for a new event.  The changes are as before;
    # past ten pairs, how many more; a title alone in one version
    # draws nothing.
    with tempfile.TemporaryDirectory() as tmp:
        for side, ids in (("a", ["alpha", "kept"] + ["o%d" % i
                                                     for i in range(12)]),
                          ("b", ["alpha-build", "kept"] + ["n%d" % i
                                                           for i in range(12)])):
            os.makedirs(os.path.join(tmp, side))
            with open(os.path.join(tmp, side, "t.yaml"), "w") as f:
                f.write("timeline: t\nmilestones:\n")
                for i, ident in enumerate(ids):
                    title = ("Alpha build" if i == 0 else "Kept" if i == 1
                             else "Twin %d" % (i - 2))
                    f.write("  - id: %s\n    title: %s\n    date: 2027-0%d\n"
                            % (ident, title, 3 + (side == "b")))
            with open(os.path.join(tmp, side, "u.yaml"), "w") as f:
                f.write("timeline: u\nmilestones:\n  - id: %s\n"
                        "    title: Only %s\n    date: 2027-05\n"
                        % ("x" if side == "a" else "y", side))
        rc, out, err = run(tl, os.path.join(tmp, "a"), os.path.join(tmp, "b"))
        notes = [l for l in err.splitlines() if l.startswith("timeline: note:")]
        if (rc != 0 or b"t/alpha-build  added" not in out or
                "timeline: note: t/alpha (removed) and t/alpha-build (added) "
                "have the same title" not in err or len(notes) != 11 or
                "and 3 more removed milestones" not in notes[-1] or
                "u/x" in err):
            fail(f"renamed ids: exit {rc}, {out!r}, {err!r}")

    for args, what in (((old,), "needs two versions"),
                       ((old, new, new), "needs two versions"),
                       (("--format", "ics", old, new), "unknown format"),
                       (("--format", "json", "--color", "always", old, new),
                        "--color goes with --format text"),
                       (("--since", "-x", old), "invalid --since"),
                       (("--long", old, new), "does not go with")):
        rc, out, err = run(tl, *args)
        if rc != 2 or out or what not in err:
            fail(f"usage {args}: exit {rc}, {err!r}")
    p = subprocess.run([tl, "export", "--format", "markdown", new],
                       capture_output=True)
    if p.returncode != 2:
        fail("export --format markdown is not a usage error")

    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
