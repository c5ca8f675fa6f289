#!/usr/bin/python3
"""Golden edits: before/after pairs of timeline files, compared byte for byte.

Usage: run_golden.py [--update] [-k TEXT] PATH-TO-timeline

For every golden/NAME.yaml, NAME.cmd holds the command's arguments on one
line (`move drm-rust 2027-H1`); the case copies NAME.yaml into a temporary
directory as NAME.yaml, runs `timeline ARGS --today 2026-11-24 NAME.yaml`
there, and compares:

  NAME.after     the file afterwards, byte for byte (absent: unchanged)
  NAME.out       standard output, then `-- stderr`, standard error, then
                 `-- exit N`

No case may remove a tab, or add one to a file without tabs (a file
indented with tabs keeps its indentation); a file that was JSON stays JSON
(Python's json reads it before and after).  A case whose NAME.cmd ends in
`--dry-run` is also checked with patch(1):
the diff it prints, applied to NAME.yaml, gives what the same command
without --dry-run writes.

--update rewrites NAME.after and NAME.out for a person to review.  The
last line is `N passed, M failed`.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, 'golden')
TODAY = '2026-11-24'


def run(tool, args, cwd):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', NO_COLOR='1')
    p = subprocess.run([tool] + args, cwd=cwd, env=env,
                       stdin=subprocess.DEVNULL, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def is_json(text):
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def one(tool, name, update):
    src = os.path.join(GOLDEN, name + '.yaml')
    with open(os.path.join(GOLDEN, name + '.cmd')) as f:
        args = f.read().split()
    with open(src, 'rb') as f:
        before = f.read()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name + '.yaml')
        shutil.copyfile(src, path)
        os.chmod(path, 0o640)
        rc, out, err = run(tool, args + ['--today', TODAY, name + '.yaml'],
                           tmp)
        with open(path, 'rb') as f:
            after = f.read()
        mode = os.stat(path).st_mode & 0o777
        left = sorted(os.listdir(tmp))
        report = out + b'-- stderr\n' + err + b'-- exit %d\n' % rc
        # No tab removed, and none added to a file without one (a file
        # indented with tabs, as JSON may be, keeps its indentation).
        if after.count(b'\t') < before.count(b'\t') or (
                b'\t' not in before and b'\t' in after):
            problems.append('a tab was added or removed')
        if is_json(before) and not is_json(after):
            problems.append('a file written as JSON is JSON no more')
        if mode != 0o640:
            problems.append('mode changed to %o' % mode)
        if left != [name + '.yaml']:
            problems.append('files left behind: %r' % left)
        if '--dry-run' in args:
            if after != before:
                problems.append('--dry-run changed the file')
            # The diff must apply with patch and give the real edit.
            diff = out[out.find(b'--- a/'):] if b'--- a/' in out else b''
            real = [a for a in args if a != '--dry-run']
            rc2, _, _ = run(tool, real + ['--today', TODAY, name + '.yaml'],
                            tmp)
            with open(path, 'rb') as f:
                edited = f.read()
            with open(path, 'wb') as f:
                f.write(before)
            p = subprocess.run(['patch', '-p1', '-s', '--binary',
                                '-d', tmp], input=diff,
                               capture_output=True)
            with open(path, 'rb') as f:
                patched = f.read()
            if rc2 != 0 or p.returncode != 0 or patched != edited:
                problems.append('patch(1) of the --dry-run diff does not '
                                'give the edit (%d, %d: %s)' %
                                (rc2, p.returncode, p.stderr[:200]))
    want_after = os.path.join(GOLDEN, name + '.after')
    want_out = os.path.join(GOLDEN, name + '.out')
    if update:
        if after != before:
            with open(want_after, 'wb') as f:
                f.write(after)
        elif os.path.exists(want_after):
            os.unlink(want_after)
        with open(want_out, 'wb') as f:
            f.write(report)
        return problems
    expect = before
    if os.path.exists(want_after):
        with open(want_after, 'rb') as f:
            expect = f.read()
    if after != expect:
        problems.append('file differs:\n--- expected\n%r\n--- got\n%r' %
                        (expect, after))
    with open(want_out, 'rb') as f:
        if f.read() != report:
            problems.append('output differs:\n%s' %
                            report.decode('utf-8', 'replace'))
    return problems


def main(argv):
    update = '--update' in argv
    argv = [a for a in argv if a != '--update']
    only = None
    if '-k' in argv:
        i = argv.index('-k')
        only = argv[i + 1]
        del argv[i:i + 2]
    tool = os.path.abspath(argv[1])
    names = sorted(n[:-4] for n in os.listdir(GOLDEN) if n.endswith('.cmd'))
    passed = failed = 0
    for name in names:
        if only and only not in name:
            continue
        problems = one(tool, name, update)
        if problems:
            failed += 1
            print('FAIL %s' % name)
            for p in problems:
                print('  ' + p)
        else:
            passed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
