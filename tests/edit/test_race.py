#!/usr/bin/python3
"""An edit and another program's save of the same file: every value the
edit uses (the old date, status and history, the text it changes) comes
from the same bytes, and a save it cannot take into account is not
overwritten.

Usage: test_race.py PATH-TO-timeline [PATH-TO-race_on_open.so]

With the shim (LD_PRELOAD; tests/edit/race_on_open.c), the other save
lands exactly between the loading of the set and the edit's own reading
of the file, and the test counts the files the edit opens: a second
loading is made when the file's times are recent (or in the future), and
skipped when they are older than the loading (a clock set ahead makes
them so).  Without it (the sanitizers' runtime does not mix with
LD_PRELOAD), only the last case runs: a real writer saves while the
edit reads a large file of the same directory.

The last line is `N passed, M failed`.
"""
import os
import subprocess
import sys
import tempfile
import time

from preload import preloadable

TODAY = '2026-11-24'
MINE = ('timeline: small\nmilestones:\n  - id: a\n    title: t\n'
        '    date: 2026-05\n    status: planned\n')
# The other program's save: another date, and done.
SAVED = ('timeline: small\nmilestones:\n  - id: a\n    title: t\n'
         '    date: 2026-08\n    status: done\n')
GONE = SAVED.replace('id: a', 'id: b')
BROKEN = SAVED.replace('2026-08', '2026-02-30')
OTHER = ('timeline: other\nmilestones:\n  - id: o\n    title: o\n'
         '    date: 2026-03\n')
CHANGED = 'a.yaml changed on disk since it was read; nothing written\n'

passed = failed = 0


def check(name, cond, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL %s %s' % (name, detail))


def write(path, text):
    with open(path, 'w') as f:
        f.write(text)


def read(path):
    with open(path) as f:
        return f.read()


def env(extra=None):
    e = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', NO_COLOR='1')
    e.update(extra or {})
    return e


def run(tool, args, cwd, extra=None):
    p = subprocess.run([tool] + args + ['--today', TODAY], cwd=cwd,
                       env=env(extra), stdin=subprocess.DEVNULL,
                       capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def edit_of(tool, text, args):
    """What args do to a file that holds text from the start: the
    output and the file afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        write(os.path.join(tmp, 'a.yaml'), text)
        rc, out, _ = run(tool, args + ['a.yaml'], tmp)
        return rc, out, read(os.path.join(tmp, 'a.yaml'))


def saved_meanwhile(tool, shim, name, args, saved):
    """Runs args on MINE while the shim saves `saved` over it between
    the loading and the reading; the result and the file afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        write(os.path.join(tmp, 'a.yaml'), MINE)
        write(os.path.join(tmp, 'saved.yaml'), saved)
        r = run(tool, args + ['a.yaml'], tmp, {
            'LD_PRELOAD': shim, 'TL_RACE_FILE': 'a.yaml',
            'TL_RACE_WITH': 'saved.yaml'})
        check(name + ': the save happened',
              not os.path.exists(os.path.join(tmp, 'saved.yaml')))
        return r + (read(os.path.join(tmp, 'a.yaml')),)


def races(tool, shim):
    move = ['move', 'a', '2027']
    # The edit is made to the text saved, from its values.
    rc, out, err, text = saved_meanwhile(tool, shim, 'move', move, SAVED)
    want = edit_of(tool, SAVED, move)
    check('move: the edit of the text saved', (rc, out, text) == want,
          '%d %r %r\n%r' % (rc, out, err, text))
    check('move: its old date is the one saved',
          out == 'small/a: Aug 2026 -> 2027 (later)\n', repr(out))
    rc, out, err, text = saved_meanwhile(tool, shim, 'move --dry-run',
                                         move + ['--dry-run'], SAVED)
    want = edit_of(tool, SAVED, move + ['--dry-run'])
    check('move --dry-run: the diff of the text saved',
          (rc, out, text) == want, '%d %r %r' % (rc, out, err))
    rc, out, err, text = saved_meanwhile(tool, shim, 'status',
                                         ['status', 'a', 'at-risk'], SAVED)
    check('status: from the status saved',
          rc == 0 and out == '' and 'status: at-risk' in text and
          text.replace('status: at-risk', 'status: done') == SAVED,
          '%d %r %r' % (rc, out, err))
    # Refused: the milestone is gone, or the file has an error now.
    rc, out, err, text = saved_meanwhile(tool, shim, 'gone', move, GONE)
    check('gone: refused', rc == 2 and err.endswith(CHANGED) and
          out == '' and text == GONE, '%d %r %r' % (rc, out, err))
    # An error now is the data's, whichever file it is in: exit 1, as
    # for data with errors found by the first loading.
    rc, out, err, text = saved_meanwhile(tool, shim, 'broken', move, BROKEN)
    check('broken: refused', rc == 1 and err.endswith(
          'timeline: error: the data has errors; nothing edited\n') and
          "a.yaml:5:11: error: invalid date '2026-02-30'" in err and
          CHANGED not in err and out == '' and text == BROKEN,
          '%d %r %r' % (rc, out, err))


def opens_of_other(tool, shim, extra, future=False):
    """How many times a move in a.yaml opens b.yaml, the other file of
    the directory: once for the loading, once for the set as it will
    be, and once more when a.yaml is loaded again as the edit read
    it."""
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, 'd'))
        write(os.path.join(tmp, 'd', 'a.yaml'), MINE)
        write(os.path.join(tmp, 'd', 'b.yaml'), OTHER)
        if future:
            later = time.time() + 86400
            os.utime(os.path.join(tmp, 'd', 'a.yaml'), (later, later))
        log = os.path.join(tmp, 'opened')
        extra = dict(extra, LD_PRELOAD=shim, TL_OPEN_LOG=log)
        rc, out, err = run(tool, ['move', 'a', '2027', 'd'], tmp, extra)
        opened = read(log).split('\n') if os.path.exists(log) else []
        return rc, opened.count('d/b.yaml'), err


def second_loading(tool, shim):
    rc, n, err = opens_of_other(tool, shim, {'TL_CLOCK_AHEAD': '3600'})
    check('a file older than the loading is not loaded again',
          rc == 0 and n == 2, '%d %d %r' % (rc, n, err))
    rc, n, err = opens_of_other(tool, shim, {})
    check('a file changed just before is loaded again',
          rc == 0 and n == 3, '%d %d %r' % (rc, n, err))
    rc, n, err = opens_of_other(tool, shim, {'TL_CLOCK_AHEAD': '3600'},
                                future=True)
    check('a file with a time in the future is loaded again',
          rc == 0 and n == 3, '%d %d %r' % (rc, n, err))


def big(n):
    parts = ['timeline: big\nmilestones:\n']
    for i in range(n):
        parts.append('  - id: m%d\n    title: Milestone %d\n'
                     '    date: 2027-05\n' % (i, i))
    return ''.join(parts)


def opened(pid, name):
    """Whether process pid has a file named name open."""
    try:
        for fd in os.listdir('/proc/%d/fd' % pid):
            try:
                if os.readlink('/proc/%d/fd/%s' % (pid, fd)).endswith(name):
                    return True
            except OSError:
                pass
    except OSError:
        pass
    return False


def real_writer(tool):
    """A real save while the edit loads z-big.yaml: a-small.yaml, read
    before it, changes before the edit reads it again."""
    want = edit_of(tool, SAVED, ['move', 'a', '2027'])
    text = big(100000)
    for attempt in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            d = os.path.join(tmp, 'd')
            os.mkdir(d)
            small = os.path.join(d, 'a-small.yaml')
            write(small, MINE)
            write(os.path.join(d, 'z-big.yaml'), text)
            write(os.path.join(tmp, 'saved'), SAVED)
            p = subprocess.Popen([tool, 'move', 'a', '2027', 'd',
                                  '--today', TODAY], cwd=tmp, env=env(),
                                 stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
            caught = False
            while p.poll() is None and not caught:
                caught = opened(p.pid, 'z-big.yaml')
            if caught:
                os.rename(os.path.join(tmp, 'saved'), small)
            out, err = p.communicate()
            out, err = out.decode(), err.decode()
            after = read(small)
        if not caught:
            continue
        done = (p.returncode, out, after) == want
        refused = (p.returncode == 2 and out == '' and after == SAVED and
                   'a-small.yaml changed on disk since it was read' in err)
        check('a real writer: the edit of its text, or none',
              done or refused, '%d %r %r\n%r' % (p.returncode, out,
                                                  err[-500:], after))
        return
    check('a real writer: caught the loading', False,
          'the edit ended before it was seen reading')


def main(argv):
    tool = os.path.abspath(argv[1])
    shim = preloadable(argv[2]) if len(argv) > 2 else None
    if shim is not None:
        races(tool, shim)
        second_loading(tool, shim)
    real_writer(tool)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
