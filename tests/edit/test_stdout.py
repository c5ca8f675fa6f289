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
  - --dry-run on a terminal escapes the text of the file (a comment
    with bidirectional controls, lone CRs) as everything else the tool
    prints; into a pipe its bytes are exact, and patch(1) applies them.

The last line is `N passed, M failed`.
"""
import os
import pty
import subprocess
import sys
import tempfile
import termios

TODAY = '2026-11-24'
GOOD = ('timeline: small\nmilestones:\n  - id: a\n    title: t\n'
        '    date: 2026-12\n')
MOVE = ['move', 'a', '2027']
# A comment holding U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT
# ISOLATE, next to the line that changes.
BIDI = ('timeline: small\nmilestones:\n'
        '  - id: a   # note \u202e gnitirw \u2066 isolate\n'
        '    title: t\n    date: 2026-12\n').encode()
# Lines ended by lone CRs: one line for diff(1), CRs inside it.
LONE_CR = GOOD.replace('\n', '\r').encode()
BAD = set(range(0x00, 0x20)) | set(range(0x7f, 0xa0)) | \
    {0x2028, 0x2029} | set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a))
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


def on_terminal(tool, text, edit=None):
    """The output of move --dry-run (or of the edit given) on a terminal
    that passes bytes as they are (no CR added before LF)."""
    def fn(tmp):
        master, slave = pty.openpty()
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        p = subprocess.Popen(args(tool, edit or MOVE + ['--dry-run']),
                             cwd=tmp,
                             env=ENV, stdin=subprocess.DEVNULL, stdout=slave,
                             stderr=subprocess.PIPE)
        os.close(slave)
        out = b''
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        p.stderr.read()
        return p.wait(), out
    return in_dir(text, fn)[0]


def unsafe(out):
    """The first character a terminal should not be handed, or None."""
    try:
        text = out.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'invalid UTF-8 at byte %d' % e.start
    for ch in text:
        if ch != '\n' and ord(ch) in BAD:
            return 'U+%04X' % ord(ch)
    return None


def in_pipe(tool, text):
    """The output of move --dry-run into a pipe, whether patch(1) turns
    the file into what move writes, and what it writes."""
    def fn(tmp):
        dry = subprocess.run(args(tool, MOVE + ['--dry-run']), cwd=tmp,
                             env=ENV, capture_output=True)
        subprocess.run(args(tool, MOVE), cwd=tmp, env=ENV,
                       capture_output=True)
        with open(os.path.join(tmp, 'a.yaml'), 'rb') as f:
            want = f.read()
        with open(os.path.join(tmp, 'a.yaml'), 'wb') as f:
            f.write(text)
        diff = dry.stdout[dry.stdout.find(b'--- '):]
        p = subprocess.run(['patch', '-p1', '-s', '--binary'], cwd=tmp,
                           input=diff, capture_output=True)
        return dry.returncode, dry.stdout, p.returncode, want
    (rc, out, prc, want), got = in_dir(text, fn)
    return rc, out, prc == 0 and got == want


def escaped(tool):
    rc, out = on_terminal(tool, BIDI)
    check('--dry-run on a terminal: bidirectional controls escaped',
          rc == 0 and unsafe(out) is None and
          b'# note \\u{202e} gnitirw \\u{2066} isolate' in out,
          '%d %s %r' % (rc, unsafe(out), out))
    rc, out = on_terminal(tool, LONE_CR)
    check('--dry-run on a terminal: lone CRs escaped',
          rc == 0 and unsafe(out) is None and
          b'-timeline: small\\rmilestones:\\r' in out,
          '%d %s %r' % (rc, unsafe(out), out))
    for name, text, raw in (
            ('bidirectional controls', BIDI, '# note \u202e'.encode()),
            ('lone CRs', LONE_CR, b'-timeline: small\rmilestones:\r')):
        rc, out, applies = in_pipe(tool, text)
        check('--dry-run into a pipe, %s: the bytes as they are' % name,
              rc == 0 and raw in out and applies, '%d %r' % (rc, out))


def status_said(tool):
    """A change of status alone says itself on a terminal, where nothing
    would look like nothing done; into a pipe it writes nothing, as no
    window moved."""
    edit = ['status', 'a', 'at-risk']
    rc, out = on_terminal(tool, GOOD.encode(), edit)
    check('status on a terminal: its line',
          rc == 0 and out == b'small/a: status planned -> at-risk\n',
          '%d %r' % (rc, out))
    (p, _) = in_dir(GOOD.encode(), lambda tmp: subprocess.run(
        args(tool, edit), cwd=tmp, env=ENV, capture_output=True))
    check('status into a pipe: nothing', p.returncode == 0 and
          p.stdout == b'', '%d %r' % (p.returncode, p.stdout))


def main(argv):
    tool = os.path.abspath(argv[1])
    written_edit(tool)
    dry_run(tool)
    escaped(tool)
    status_said(tool)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
