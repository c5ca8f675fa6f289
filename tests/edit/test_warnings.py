#!/usr/bin/python3
"""The warnings an edit prints: those it brings, not those the files had
before it (`check` prints them), but always those of the edited milestone,
and all of them under --strict.

Usage: test_warnings.py PATH-TO-timeline

Each case writes its files into a fresh directory, runs the edit with
`--today 2026-07-01 --dry-run` there, and compares the warning lines of
standard error with the lines wanted.
"""
import os
import subprocess
import sys
import tempfile

WEB = """timeline: web
milestones:
  - id: launch
    title: Web launch
    date: 2026-05
"""

APP = """timeline: app
milestones:
  - id: launch
    title: App launch
    date: 2026-09
"""

APT = """timeline: apt
milestones:
  - id: apt
    title: APT requires Rust
    date: 2026-05
  - id: drm
    title: DRM requires Rust
    date: 2026-12-01
    time: "10:00"
    timezone: US/Eastern
    location: null
"""

HISTORY = """timeline: alpha
milestones:
  - id: y
    title: Y
    date: 2026-10
    noted: 2026-01-01
    history:
      - date: 2026-08
        noted: 2026-02-01
  - id: x
    title: X
    date: 2026-09
    noted: 2026-03-01
    history:
      - date: 2026-06
        noted: 2026-02-01
      - date: 2026-07
        noted: 2026-01-01
"""

CANCELLED_BASE = """timeline: alpha
milestones:
  - id: a
    title: A
    date: 2026-05
    status: cancelled
  - id: b
    title: B
    date: {after: a, offset: 2w}
"""

CASES = [
    # The same words in two timelines' files: the warning in the file
    # edited is the edit's, the other one stood before.
    ("same words in two files", {"a.yaml": WEB, "b.yaml": APP},
     ["move", "app/launch", "2026-05"],
     ["b.yaml:3:9: warning: 'launch' is planned but its window ended "
      "2026-05-31 (overdue)"]),
    # The edited milestone's own warning, the same before and after.
    ("the edited milestone's own", {"c.yaml": APT},
     ["move", "apt", "2026-05-31"],
     ["c.yaml:3:9: warning: 'apt' is planned but its window ended "
      "2026-05-31 (overdue)"]),
    # What loading found (an old zone name, a text 'null') in a milestone
    # not edited stood before.
    ("what the files had before", {"c.yaml": APT},
     ["move", "apt", "2027-01"], []),
    # The edited milestone's own, found when loading, are printed.
    ("the edited milestone's found when loading", {"c.yaml": APT},
     ["move", "drm", "2027-01-05"],
     ["c.yaml:6:9: warning: time zone 'US/Eastern' is an old name: write "
      "America/New_York (some calendars read old names as UTC)",
      "c.yaml:6:9: warning: 'location' is the text 'null', which YAML "
      "writes for no value: leave the key out for none, or quote it for "
      "the text"]),
    # Two milestones with the same words: the one the edit brings is
    # printed, the other's, which stood, is not.
    ("the same words in one file", {"d.yaml": HISTORY},
     ["move", "y", "2026-11"],
     ["d.yaml:3:9: warning: history is not oldest first: noted 2026-01-01 "
      "comes after 2026-02-01"]),
    # A milestone that moves with the edited one: its warning, the same
    # words, says where it now stands.
    ("a dependent's", {"e.yaml": CANCELLED_BASE},
     ["move", "a", "2026-09"],
     ["e.yaml:7:9: warning: 'b' is placed relative to 'a', which is "
      "cancelled"]),
    # Under --strict every warning refuses the edit: all are printed.
    ("all under --strict", {"a.yaml": WEB, "b.yaml": APP},
     ["move", "app/launch", "2026-10", "--strict"],
     ["a.yaml:3:9: warning: 'launch' is planned but its window ended "
      "2026-05-31 (overdue)"]),
]


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", NO_COLOR="1")
    failed = 0
    for name, files, args, want in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            for fname, text in files.items():
                with open(os.path.join(tmp, fname), "w",
                          encoding="utf-8") as f:
                    f.write(text)
            p = subprocess.run([binary] + args + ["--today", "2026-07-01",
                               "--dry-run"] + sorted(files), cwd=tmp,
                               env=env, capture_output=True, text=True)
            got = [line for line in p.stderr.splitlines()
                   if ": warning: " in line and not
                   line.startswith("timeline:")]
            if got != want:
                failed += 1
                print("FAIL %s: %s\n  got:  %r\n  want: %r\n  stderr: %s" %
                      (name, " ".join(args), got, want, p.stderr))
    print("%d passed, %d failed" % (len(CASES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
