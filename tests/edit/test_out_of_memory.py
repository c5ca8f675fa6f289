#!/usr/bin/python3
"""Edits when memory runs out: each allocation of `move`, `done` and
`status` (the tool's, libyaml's and the C library's) is made to fail in
turn by a shim.  Each run either succeeds and writes the same file as a
run with memory to spare, or says that memory ran out ("out of memory",
or the system's "Cannot allocate memory"), exits with status 2 and
leaves the file as it was; no temporary file is left, and no other
cause (a file changed on disk, say) is blamed.

Usage: test_out_of_memory.py PATH-TO-timeline PATH-TO-fail_alloc.so
"""
import os
import shutil
import subprocess
import sys
import tempfile

from preload import preloadable

TEXT = """timeline: rust
milestones:
  - id: drm
    title: DRM requires Rust
    date: 2026-12
    tags: [kernel]
  - id: ga
    title: GA
    date: {after: drm, offset: 1y}
    history:
      - date: 2026-06
        noted: 2025-12-10
"""

EDITS = (
    ['move', 'drm', '2027-Q2'],
    ['done', 'drm', '2026-11-20'],
    ['status', 'ga', 'at-risk'],
)

passed = failed = 0


def check(name, cond, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL %s %s' % (name, detail))


def run(tool, shim, d, args, fail_at=None, count=None):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', LD_PRELOAD=shim)
    if fail_at is not None:
        env['TL_FAIL_AT'] = str(fail_at)
    if count is not None:
        env['TL_FAIL_COUNT'] = count
    p = subprocess.run([tool] + args + ['--today', '2026-11-24', 'p.yaml'],
                       cwd=d, env=env, capture_output=True)
    return p.returncode, p.stderr.decode('utf-8', 'replace')


def found_before(tool, shim, d):
    """check and export, when memory runs out once the loading is over:
    the problems found before are printed, then that memory ran out."""
    path = os.path.join(d, 'p.yaml')
    with open(path, 'w') as f:
        f.write('timeline: t\nmilestones:\n'
                '  - {id: a, title: A, date: 2026-13-01}\n')
        for i in range(2000):
            f.write('  - {id: m%d, title: M, date: 2027-01-01}\n' % i)
    found = "p.yaml:3:29: error: invalid date '2026-13-01'"
    for args in (['check'], ['export', '--format', 'json']):
        name = ' '.join(args) + ', memory running out late'
        count = os.path.join(d, 'count')
        rc, err = run(tool, shim, d, args, count=count)
        check(name + ': with memory to spare', rc == 1 and found in err,
              err)
        with open(count) as f:
            n = int(f.read())
        os.unlink(count)
        for back in (1, 10, 100, 1000):
            rc, err = run(tool, shim, d, args, fail_at=n - back)
            check('%s: allocation %d of %d' % (name, n - back, n),
                  rc == 2 and found in err and
                  err.rstrip().endswith('those found before it ran out'),
                  'exit %d, %r' % (rc, err))


def diff_found_before(tool, shim, d):
    """diff, when memory runs out once both versions are read: the
    problems of both are printed, the old version's first."""
    for name in ('old.yaml', 'new.yaml'):
        with open(os.path.join(d, name), 'w') as f:
            f.write('timeline: t\nmilestones:\n'
                    '  - {id: a, title: A, date: 2026-13-01}\n')
            for i in range(2000):
                f.write('  - {id: m%d, title: M, date: 2027-01-01}\n' % i)

    def diff(fail_at=None, count=None):
        env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', LD_PRELOAD=shim)
        if fail_at is not None:
            env['TL_FAIL_AT'] = str(fail_at)
        if count is not None:
            env['TL_FAIL_COUNT'] = count
        p = subprocess.run([tool, 'diff', 'old.yaml', 'new.yaml'], cwd=d,
                           env=env, capture_output=True)
        return p.returncode, p.stderr.decode('utf-8', 'replace')

    count = os.path.join(d, 'count')
    rc, err = diff(count=count)
    check('diff, memory running out late: with memory to spare', rc == 1,
          err)
    with open(count) as f:
        n = int(f.read())
    os.unlink(count)
    old = "old.yaml:3:29: error: invalid date '2026-13-01'"
    new = "new.yaml:3:29: error: invalid date '2026-13-01'"
    for back in (1, 10, 100, 1000):
        rc, err = diff(fail_at=n - back)
        check('diff, memory running out late: allocation %d of %d' %
              (n - back, n),
              rc == 2 and old in err and new in err and
              err.index(old) < err.index(new) and
              err.rstrip().endswith('those found before it ran out'),
              'exit %d, %r' % (rc, err))


def main():
    tool, shim = os.path.abspath(sys.argv[1]), preloadable(sys.argv[2])
    with tempfile.TemporaryDirectory() as d:
        found_before(tool, shim, d)
    with tempfile.TemporaryDirectory() as d:
        diff_found_before(tool, shim, d)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'p.yaml')
        for args in EDITS:
            name = ' '.join(args)
            with open(path, 'w') as f:
                f.write(TEXT)
            os.utime(path, (0, 0))
            count = os.path.join(d, 'count')
            rc, err = run(tool, shim, d, args, count=count)
            check(name + ': with memory to spare', rc == 0, err)
            with open(path) as f:
                want = f.read()
            with open(count) as f:
                n = int(f.read())
            os.unlink(count)
            outcomes = set()
            for i in range(1, n + 1):
                with open(path, 'w') as f:
                    f.write(TEXT)
                os.utime(path, (0, 0))
                rc, err = run(tool, shim, d, args, fail_at=i)
                with open(path) as f:
                    now = f.read()
                left = sorted(set(os.listdir(d)) - {'p.yaml'})
                what = '%s: allocation %d of %d' % (name, i, n)
                if rc == 0:
                    outcomes.add('written')
                    check(what, now == want, 'exit 0, but the file differs')
                else:
                    outcomes.add('refused')
                    check(what, rc == 2 and now == TEXT and
                          ('out of memory' in err or
                           'Cannot allocate memory' in err),
                          'exit %d, %r, file %s' % (
                              rc, err, 'kept' if now == TEXT else 'changed'))
                check(what + ': nothing left beside the file', not left,
                      repr(left))
                for f in left:
                    os.unlink(os.path.join(d, f))
            check(name + ': some failures refused', 'refused' in outcomes)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
