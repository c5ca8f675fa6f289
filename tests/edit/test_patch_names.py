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

For the same file named by other spellings of its PATH (./d, d//, an
absolute path, ../HERE/d), the diff names it from the current directory,
so that `patch -p1` and `git apply` there apply it; a file outside the
current directory (../d) is applied by naming it, `patch FILE < DIFF`, as
timeline(1) says.  For a file reached through a symbolic link (to the
file, or to its directory), the diff names the file the move rewrites,
from the current directory, and both apply it there.

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
    if p.returncode != 0 and cmd[0] == 'patch' and \
            any(c < 0x20 for c in name) and \
            b'Invalid byte sequence' in p.stderr:
        # GNU patch 2.8 (Debian 13) reads the name right, then refuses
        # to make a file whose name holds a control character: git
        # apply still shows that the diff names it.
        return None
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


# PATHs naming d from the directory the command runs in ({tmp} is the
# directory that holds d, {base} its name), and the name the diff gives.
SPELLINGS = [
    ('d', 'd/plain.yaml'),
    ('./d', 'd/plain.yaml'),
    ('d//', 'd/plain.yaml'),
    ('d/./', 'd/plain.yaml'),
    ('./d/../d/', 'd/plain.yaml'),
    ('{tmp}/d', 'd/plain.yaml'),
    ('../{base}/d', 'd/plain.yaml'),
]


def spelled(tool, path, cwd, plain, cmds):
    """Runs move --dry-run on PATH (the file plain) from cwd, then each
    command of cmds there with the diff on its standard input; the diff's
    first line, and the problems."""
    p = run(tool, ['move', 'a', '2027-06', '--dry-run', '--today',
                   '2026-11-24', path], cwd)
    if p.returncode != 0:
        return None, ['move --dry-run exit %d: %r' % (p.returncode,
                                                     p.stderr)]
    diff = p.stdout[p.stdout.find(b'--- '):]
    run(tool, ['move', 'a', '2027-06', '--today', '2026-11-24', path], cwd)
    with open(plain, 'rb') as f:
        want = f.read()
    problems = []
    for cmd in cmds:
        with open(plain, 'wb') as f:
            f.write(TEXT)
        r = subprocess.run(cmd, cwd=cwd, input=diff, capture_output=True)
        with open(plain, 'rb') as f:
            got = f.read()
        if r.returncode != 0 or got != want:
            problems.append('%s: %d %s' % (' '.join(cmd), r.returncode,
                                           (r.stdout + r.stderr).decode(
                                               'utf-8', 'replace').strip()))
    return diff.split(b'\n')[0], problems


def spellings(tool):
    cmds = [['patch', '-p1', '-s', '--binary']]
    if shutil.which('git'):
        cmds.append(['git', 'apply', '-p1'])
    passed = failed = 0
    for path, name in SPELLINGS:
        with tempfile.TemporaryDirectory() as tmp:
            os.mkdir(os.path.join(tmp, 'd'))
            with open(os.path.join(tmp, 'd', 'plain.yaml'), 'wb') as f:
                f.write(TEXT)
            path = path.format(tmp=tmp, base=os.path.basename(tmp))
            head, problems = spelled(tool, path, tmp, os.path.join(
                tmp, 'd', 'plain.yaml'), cmds)
            if head is not None and head != b'--- a/' + name.encode():
                problems.append('named %r' % head)
        if problems:
            failed += 1
            for p in problems:
                print('FAIL PATH %r: %s' % (path, p))
        else:
            passed += 1
    # Outside the current directory: named on patch's command line.
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, 'd'))
        os.mkdir(os.path.join(tmp, 'sub'))
        with open(os.path.join(tmp, 'd', 'plain.yaml'), 'wb') as f:
            f.write(TEXT)
        head, problems = spelled(tool, '../d', os.path.join(tmp, 'sub'),
                                 os.path.join(tmp, 'd', 'plain.yaml'),
                                 [['patch', '-s', '../d/plain.yaml']])
    if problems:
        failed += 1
        for p in problems:
            print('FAIL PATH ../d: %s' % p)
    else:
        passed += 1
    return passed, failed


# Files reached through symbolic links: (links to make, as (name,
# target), the file, the PATH named, the name the diff gives).  The edit
# rewrites what the link leads to, and so must the diff: patch(1) and
# git apply refuse to patch a link, and git apply a path through one.
LINKED = [
    ([('timeline/current.yaml', '../plans/2026.yaml')], 'plans/2026.yaml',
     'timeline', 'plans/2026.yaml'),
    ([('timeline/current.yaml', '../plans/2026.yaml')], 'plans/2026.yaml',
     'timeline/current.yaml', 'plans/2026.yaml'),
    ([('timeline/current.yaml', 'mid.yaml'),
      ('timeline/mid.yaml', '{tmp}/plans/2026.yaml')], 'plans/2026.yaml',
     'timeline/current.yaml', 'plans/2026.yaml'),
    ([('timeline', 'plans/2026')], 'plans/2026/p.yaml', 'timeline',
     'plans/2026/p.yaml'),
]


def linked(tool):
    """move --dry-run on a file reached through a link: the diff names
    the file the move rewrites, and applies to it."""
    cmds = [['patch', '-p1', '-s', '--binary']]
    if shutil.which('git'):
        cmds.append(['git', 'apply', '-p1'])
    passed = failed = 0
    for links, real, path, name in LINKED:
        with tempfile.TemporaryDirectory() as tmp:
            plain = os.path.join(tmp, real)
            os.makedirs(os.path.dirname(plain))
            with open(plain, 'wb') as f:
                f.write(TEXT)
            for link, target in links:
                link = os.path.join(tmp, link)
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(target.format(tmp=tmp), link)
            head, problems = spelled(tool, path, tmp, plain, cmds)
            if head is not None and head != b'--- a/' + name.encode():
                problems.append('named %r' % head)
            if not all(os.path.islink(os.path.join(tmp, link))
                       for link, _ in links):
                problems.append('a link was replaced')
        if problems:
            failed += 1
            for p in problems:
                print('FAIL LINK %r -> %r: %s' % (path, real, p))
        else:
            passed += 1
    return passed, failed


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
    for more in (spellings(tool), linked(tool)):
        passed += more[0]
        failed += more[1]
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
