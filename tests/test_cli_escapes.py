#!/usr/bin/python3
"""Text from the command line never reaches the terminal raw.

Usage: test_cli_escapes.py PATH-TO-timeline DATA-DIR

Every value the command line repeats in a message (an unknown command,
option or status, option values, a missing or unwritable file, an id
to edit, a revision) is given text holding ESC, a C1 control (CSI,
U+009B), a bidirectional override (U+202E), a line separator (U+2028)
and a byte that is not UTF-8 (0xFF).  Standard error must be valid
UTF-8 without any of those characters (tabs and line ends aside), and
must still show the text (its letters, or an escape for each of them).

A value that holds a character that shows nothing or looks like a
space (U+200B, U+00A0, as a command pasted from a web page may) is shown
with that character escaped, as values of the files are ('show' and an
escape for each).  A long value is shown whole, every character of it.

The last line is `N passed, M failed`.
"""
import os
import shutil
import subprocess
import sys
import tempfile

EVIL = b'x\x1b[2J\xc2\x9b31m\xe2\x80\xaeab\xe2\x80\xa8\xffz'

BAD = set(range(0x00, 0x09)) | set(range(0x0b, 0x20)) | \
    set(range(0x7f, 0xa0)) | {0x2028, 0x2029} | \
    set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a))


def value_cases(v, data):
    """Commands that repeat the value v in their message."""
    return [
        [v],
        [b'check', b'--' + v, data],
        [b'show', b'--status', v, data],
        [b'show', b'--tag', v, data],
        [b'show', b'--timeline', v, data],
        [b'show', b'--width', v, data],
        [b'export', b'--format', v, data],
    ]


def cases(data, tmp):
    e = EVIL
    missing = os.path.join(tmp.encode(), b'no', e)
    return value_cases(e, data) + [
        [b'show', b'--today', e, data],
        [b'show', b'--from', e, data],
        [b'show', b'--color', e, data],
        [b'export', b'--format', b'ics', b'--ics-spans', e, data],
        [b'export', b'--format', b'ics', b'-o', missing, data],
        [b'check', missing],
        [b'move', e, b'2027', data],
        [b'move', b'x', e, data],
        [b'status', b'x', e, data],
        [b'move', b'x', b'2027', b'--noted', e, data],
        [b'diff', b'--format', e, data, data],
    ] + ([[b'diff', b'--since', e]] if shutil.which('git') else [])


INVISIBLE = b'show\xe2\x80\x8b\xc2\xa0'
INVISIBLE_SHOWN = b'show\\u{200b}\\u{00a0}'


def unsafe(err):
    try:
        text = err.decode('utf-8')
    except UnicodeDecodeError as x:
        return 'invalid UTF-8 at byte %d' % x.start
    for ch in text:
        if ord(ch) in BAD:
            return 'U+%04X' % ord(ch)
    return None


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    tool = os.path.abspath(sys.argv[1])
    data = os.path.abspath(sys.argv[2]).encode()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        # diff --since names the revision only in a git work tree.
        if shutil.which('git'):
            subprocess.run(['git', 'init', '-q', tmp], capture_output=True)
        def run(args):
            return subprocess.run([tool.encode()] + args, cwd=tmp,
                                  stdin=subprocess.DEVNULL,
                                  capture_output=True,
                                  env=dict(os.environ, LC_ALL='C.UTF-8'))

        for args in cases(data, tmp):
            p = run(args)
            problem = unsafe(p.stderr)
            if problem is None and b'x' not in p.stderr:
                problem = 'the text is not shown'
            if problem is None and p.returncode == 0:
                problem = 'exit status 0'
            if problem:
                failed += 1
                print('FAIL %r: %s: %r' % (args[:2], problem, p.stderr[:200]))
            else:
                passed += 1
        for args in value_cases(INVISIBLE, data):
            p = run(args)
            if INVISIBLE_SHOWN not in p.stderr or p.returncode == 0:
                failed += 1
                print('FAIL %r: not shown as %r: status %d, %r' % (
                    args[:2], INVISIBLE_SHOWN, p.returncode, p.stderr[:200]))
            else:
                passed += 1
        # A long value is shown whole: its end is where a typo often is
        # (and a cut could split a character: days of euro signs).
        long_value = b'x' * 80 + b'-the-end-matters'
        long_day = b'2026-01-0' + '\u20ac'.encode() * 20
        for args, v in (([long_value], long_value),
                        ([b'show', b'--today', long_day, data], long_day),
                        ([b'show', b'--from', long_day, data], long_day),
                        ([b'show', b'--to', long_day, data], long_day),
                        ([b'move', b'x', b'2027', b'--noted', long_day,
                          data], long_day),
                        ([b'done', b'x', long_day, data], long_day)):
            p = run(args)
            if b"'" + v + b"'" not in p.stderr or p.returncode != 2:
                failed += 1
                print('FAIL a long value is not shown whole: %r: %r' %
                      (args[:2], p.stderr[:300]))
            else:
                passed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
