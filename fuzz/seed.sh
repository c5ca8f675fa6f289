#!/bin/sh
# Builds the seed corpora of the fuzz targets from the test fixtures.
#
#   fuzz/seed.sh OUTDIR
#
# Writes OUTDIR/date, OUTDIR/load, OUTDIR/load2, OUTDIR/pipeline,
# OUTDIR/diff and OUTDIR/edit, one input a file, named by the SHA-1 of
# its content (so that running it twice adds nothing).  Sources:
# timeline/*.yaml, ../shared/conformance/*/*.yaml, every *.yaml under
# tests/ (the regression inputs included), and what fuzz/regress/TARGET/
# keeps.  The work is done in Python (a
# test dependency already): thousands of small files are slow in sh.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ "$#" = 1 ] || { echo "usage: fuzz/seed.sh OUTDIR" >&2; exit 2; }
exec python3 - "$root" "$1" <<'EOF'
import glob, hashlib, itertools, os, re, sys

root, out = sys.argv[1], sys.argv[2]
targets = ("date", "load", "load2", "pipeline", "diff", "edit")
for t in targets:
    os.makedirs(os.path.join(out, t), exist_ok=True)

def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)

files = sorted(set(
    glob.glob(os.path.join(root, "timeline", "*.yaml")) +
    glob.glob(os.path.join(root, "..", "shared", "conformance", "*", "*.yaml")) +
    [os.path.join(d, f)
     for d, dirs, names in os.walk(os.path.join(root, "tests"))
     if "node_modules" not in d.split(os.sep)
     for f in names if f.endswith(".yaml")]))
texts = {}
for f in files:
    with open(f, "rb") as fp:
        texts[f] = fp.read()

# Whole files, for the loader and the pipeline.
for data in texts.values():
    add("load", data)
    add("pipeline", data)
    add("edit", data)

# Pairs for fuzz_load2, split by a "#---" line: the files of a small
# directory with each other (several timelines, references between them,
# duplicates), each file with the next, and each with the first.
SPLIT = b"\n#---\n"
by_dir = {}
for f in files:
    by_dir.setdefault(os.path.dirname(f), []).append(f)
for names in by_dir.values():
    if len(names) <= 6:
        for a, b in itertools.product(names, repeat=2):
            add("load2", texts[a] + SPLIT + texts[b])
for a, b in zip(files, files[1:]):
    add("load2", texts[a] + SPLIT + texts[b])
    add("load2", texts[files[0]] + SPLIT + texts[b])
    # fuzz_diff: an old and a new version, and a file against itself.
    add("diff", texts[a] + SPLIT + texts[b])
    add("diff", texts[a])

# Dates: every value of a date-like key in the fixtures, and the forms
# of SPEC section 2; then reference|offset|end triples.
values = set()
pattern = re.compile(rb'\b(date|start|end|noted|offset|after|before): *"?([^"#,}\s\n]+)')
for data in texts.values():
    for m in pattern.finditer(data):
        values.add(m.group(2))
values.update(v.encode() for v in (
    "2025-12-10", "2026-05", "2026-Q3", "2026-H2", "2026", "~2026-12",
    "0001-01-01", "9999-12-31", "2024-02-29", "2026-02-29", "2026-13",
    "2026-Q5", "2026-q3", "~~2026", "2026 ", " 2026", "2026-1-1", "+2026",
    "10d", "2w", "~1m", "1q", "~1y", "9999y", "0d", "10D", "1.5y"))
for v in values:
    add("date", v)
refs = ("2025-12-10", "~2026-05", "2026-Q3", "2026-H2", "2026",
        "0001-01-01", "9999-12-31")
offsets = ("10d", "2w", "~1m", "1q", "~1y", "9999d", "9999y")
for r, o in itertools.product(refs, offsets):
    add("date", "%s|%s" % (r, o))
    add("date", "%s|%s|2027-H1" % (r, o))

# Inputs kept from earlier runs.
for t in targets:
    for f in glob.glob(os.path.join(root, "fuzz", "regress", t, "*")):
        if os.path.isfile(f):
            with open(f, "rb") as fp:
                add(t, fp.read())
for t in targets:
    print("%s: %d inputs" % (t, len(os.listdir(os.path.join(out, t)))))
EOF
