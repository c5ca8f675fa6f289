#!/usr/bin/python3
"""What the editing commands write to standard output, wherever it goes.

Usage: test_stdout.py PATH-TO-timeline

  - An edit that was written exits 0 even when its lines cannot be
    printed (standard output closed, full, or a pipe whose reader has
    gone, whether SIGPIPE is ignored or not): run again, it would add a
    second history entry.  Only a reader that went away is quiet.
  - --dry-run into a pipe whose reader has gone stops quietly with
    status 0; into a closed or full standard output it is an error
    (exit 2, said on standard error).

The last line is `N passed, M failed`.
"""
import os
import subprocess
import sys
import tempfile

TODAY = '2026-11-24'
GOOD = ('timeline: small\nmilestones:\n  - id: a\n    title: t\n'
        '    date: 2026-12\n')
MOVE = ['move', 'a', '2027']
ENV = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', NO_COLOR='1')

passed = failed = 0


def check(name, cond, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL %s %s' % (name, detail))


def args(tool, extra):
    return [tool] + extra + ['--today', TODAY, 'a.yaml']


def in_dir(text, fn):
    """fn(dir) with a.yaml holding text in dir; fn's result and the
    file's bytes afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'a.yaml'), 'wb') as f:
            f.write(text if isinstance(text, bytes) else text.encode())
        r = fn(tmp)
        with open(os.path.join(tmp, 'a.yaml'), 'rb') as f:
            return r, f.read()


def closed(tool, extra):
    """Runs the command with standard output closed."""
    def fn(tmp):
        p = subprocess.run(['sh', '-c', 'exec "$@" >&-', 'sh'] +
                           args(tool, extra), cwd=tmp, env=ENV,
                           stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return p.returncode, p.stderr.decode()
    return in_dir(GOOD, fn)


def full(tool, extra):
    """Runs the command with standard output on /dev/full."""
    def fn(tmp):
        with open('/dev/full', 'wb') as out:
            p = subprocess.run(args(tool, extra), cwd=tmp, env=ENV,
                               stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.PIPE)
        return p.returncode, p.stderr.decode()
    return in_dir(GOOD, fn)


def reader_gone(tool, extra, ignore_sigpipe):
    """Runs the command into a pipe whose reading end is closed before
    it starts."""
    def fn(tmp):
        r, w = os.pipe()
        os.close(r)
        p = subprocess.run(args(tool, extra), cwd=tmp, env=ENV,
                           stdin=subprocess.DEVNULL, stdout=w,
                           stderr=subprocess.PIPE,
                           restore_signals=not ignore_sigpipe)
        os.close(w)
        return p.returncode, p.stderr.decode()
    return in_dir(GOOD, fn)


def edited(text):
    return b'date: 2027' in text and b'- date: 2026-12' in text


def written_edit(tool):
    (rc, err), text = closed(tool, MOVE)
    check('move, standard output closed', rc == 0 and edited(text) and
          err == 'timeline: warning: a.yaml is edited; cannot write '
          'standard output: Bad file descriptor\n', '%d %r' % (rc, err))
    if os.path.exists('/dev/full'):
        (rc, err), text = full(tool, MOVE)
        check('move > /dev/full', rc == 0 and edited(text) and
              err == 'timeline: warning: a.yaml is edited; cannot write '
              'standard output: No space left on device\n',
              '%d %r' % (rc, err))
    for ignore in (True, False):
        (rc, err), text = reader_gone(tool, MOVE, ignore)
        check('move, the reader gone (SIGPIPE %s)' %
              ('ignored' if ignore else 'not ignored'),
              rc == 0 and edited(text) and err == '', '%d %r' % (rc, err))


def dry_run(tool):
    dry = MOVE + ['--dry-run']
    (rc, err), text = reader_gone(tool, dry, True)
    check('--dry-run, the reader gone', rc == 0 and err == '' and
          text == GOOD.encode(), '%d %r' % (rc, err))
    (rc, err), text = closed(tool, dry)
    check('--dry-run, standard output closed', rc == 2 and
          err == 'timeline: error: cannot write standard output: '
          'Bad file descriptor\n' and text == GOOD.encode(),
          '%d %r' % (rc, err))
    if os.path.exists('/dev/full'):
        (rc, err), text = full(tool, dry)
        check('--dry-run > /dev/full', rc == 2 and
              err == 'timeline: error: cannot write standard output: '
              'No space left on device\n', '%d %r' % (rc, err))


def main(argv):
    tool = os.path.abspath(argv[1])
    written_edit(tool)
    dry_run(tool)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
