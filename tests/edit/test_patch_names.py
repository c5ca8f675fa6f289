#!/usr/bin/python3
"""The file names in a --dry-run diff: safe on a terminal, read by patch.

Usage: test_patch_names.py PATH-TO-timeline

For files whose names hold a space, a quote, a backslash, control
characters (ESC, BEL, a line feed, a tab), a C1 control, a bidirectional
override, a byte that is not UTF-8 and plain non-ASCII letters, the case
runs `timeline move a 2027-06 --dry-run DIR` and checks that

  - the diff's output holds no control character, C1 control or
    bidirectional control, and is valid UTF-8, except for the tab that
    ends a name with a space (as git writes it);
  - `patch -p1` and `git apply` (when git is there) apply it, and give
    the bytes that the same move without --dry-run writes.

The last line is `N passed, M failed`.
"""
import os
import shutil
import subprocess
import sys
import tempfile

TEXT = (b'timeline: p\nmilestones:\n  - id: a\n    title: A\n'
        b'    date: 2027-03\n')

NAMES = [
    b'plain.yaml',
    b'my plan v2.yaml',
    b'quote"d.yaml',
    b'back\\slash.yaml',
    b'esc\x1b]0;T\x07title.yaml',
    b'line\nfeed.yaml',
    b'tab\there.yaml',
    b'c1\xc2\x9bcsi.yaml',
    b'bidi\xe2\x80\xaeevil.yaml',
    b'latin1-\xe9.yaml',
    b'caf\xc3\xa9 \xe6\x97\xa5\xe7\xa8\x8b.yaml',
]

# Code points no terminal should be handed raw.
BAD = set(range(0x00, 0x20)) | set(range(0x7f, 0xa0)) | \
    {0x2028, 0x2029} | set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a))


def run(tool, args, cwd):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', NO_COLOR='1')
    return subprocess.run([tool] + args, cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True)


def unsafe(out):
    """What in out a terminal should not be handed, or None."""
    try:
        text = out.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'invalid UTF-8 at byte %d' % e.start
    for line in text.split('\n'):
        if line.startswith(('--- ', '+++ ')) and line.endswith('\t'):
            line = line[:-1]
        for ch in line:
            if ord(ch) in BAD:
                return 'U+%04X in %r' % (ord(ch), line)
    return None


def applies(cmd, tmp, diff, want, name):
    work = os.path.join(tmp, 'apply')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, b'd'.decode()))
    with open(os.path.join(work.encode(), b'd', name), 'wb') as f:
        f.write(TEXT)
    p = subprocess.run(cmd, cwd=work, input=diff, capture_output=True)
    if p.returncode != 0:
        return '%s failed: %s' % (cmd[0], (p.stdout + p.stderr).decode(
            'utf-8', 'replace').strip())
    with open(os.path.join(work.encode(), b'd', name), 'rb') as f:
        got = f.read()
    return None if got == want else '%s gave other bytes' % cmd[0]


def one(tool, name):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        d = os.path.join(tmp.encode(), b'd')
        os.mkdir(d)
        path = os.path.join(d, name)
        with open(path, 'wb') as f:
            f.write(TEXT)
        p = run(tool, ['move', 'a', '2027-06', '--dry-run',
                       '--today', '2026-11-24', 'd'], tmp)
        if p.returncode != 0:
            return ['move --dry-run exit %d: %r' % (p.returncode, p.stderr)]
        diff = p.stdout[p.stdout.find(b'--- '):]
        bad = unsafe(p.stdout)
        if bad:
            problems.append('unsafe output: ' + bad)
        if run(tool, ['move', 'a', '2027-06', '--today', '2026-11-24',
                      'd'], tmp).returncode != 0:
            return problems + ['move failed']
        with open(path, 'rb') as f:
            want = f.read()
        tools = [['patch', '-p1', '-s', '--binary']]
        if shutil.which('git'):
            tools.append(['git', 'apply', '-p1'])
        for cmd in tools:
            err = applies(cmd, tmp, diff, want, name)
            if err:
                problems.append(err)
    return problems


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    tool = os.path.abspath(sys.argv[1])
    passed = failed = 0
    for name in NAMES:
        problems = one(tool, name)
        if problems:
            failed += 1
            for p in problems:
                print('FAIL %r: %s' % (name, p))
        else:
            passed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
