#!/usr/bin/python3
"""Runs the golden-file cases of tests/cases/ with a built timeline binary.

Usage: run_cases.py [--update] [--valgrind] [-k TEXT] PATH-TO-timeline

Every case is run from the project's root, so that the file names in the
diagnostics read tests/cases/...:

  bad/NAME.yaml        `timeline check --today 2026-11-24 [ARGS] FILE`;
                       standard error must equal NAME.diag, standard output
                       must be empty, and the exit status must be 1.
  good/NAME.yaml       the same check, whose standard error must equal
                       NAME.diag (exit status 0), then `timeline export
                       --format json [ARGS] [EXPORT-ARGS] FILE`, whose
                       standard output must equal NAME.json and whose
                       standard error must equal NAME.diag without its
                       summary line (only check prints one).
  bad-dir/NAME/        as bad/, with the directory as the PATH.
  good-dir/NAME/       as good/, with the directory as the PATH.

Beside a case, NAME.args holds extra arguments, one a line, for every
command run; NAME.export-args extra arguments for export only, and
NAME.export-diag what export says of them before the data's diagnostics,
NAME.export-after what it says after them (why it wrote nothing);
NAME.status
the exit status expected when it is not the default (1 for bad cases, 0 for
good ones; export is expected to exit as check does, and to write nothing
when that is not 0).

Where the system's tz database makes CET, EST and the like links of other
zones (tzdata 2024b and later as Debian 13 builds it: 'L Europe/Brussels
CET' in tzdata.zi) rather than zones of their own (Debian 12), those names
draw an old-name warning, and a NAME.links.diag, when there is one, is the
golden file instead of NAME.diag.

Outputs are compared byte for byte; a mismatch prints a unified diff.  The
last line is `N passed, M failed`; the exit status is 1 when any failed.

--update rewrites the golden files with what the tool prints, for a person
to review with git diff.  --valgrind runs every command under valgrind
(memory errors and leaks fail the case); -k runs only the cases whose
name holds TEXT.
"""
import difflib
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join('tests', 'cases')
TODAY = '2026-11-24'
VALGRIND = ['valgrind', '--error-exitcode=9', '--leak-check=full',
            '--errors-for-leak-kinds=definite,indirect,possible']


def zones_are_links():
    """Whether the tz database lists CET as a link (see above)."""
    zi = os.path.join(os.environ.get('TZDIR', '/usr/share/zoneinfo'),
                      'tzdata.zi')
    try:
        with open(zi, encoding='utf-8', errors='replace') as f:
            return any(line.split() == ['L', 'Europe/Brussels', 'CET']
                       for line in f)
    except OSError:
        return False


LINKS = zones_are_links()


def diag_golden(base):
    """The golden file of a case's diagnostics on this system."""
    if LINKS and os.path.exists(base + '.links.diag'):
        return base + '.links.diag'
    return base + '.diag'


class Runner:
    def __init__(self, tool, update, valgrind):
        self.tool = tool
        self.update = update
        self.valgrind = valgrind
        self.passed = 0
        self.failed = []

    def run(self, args):
        """Runs the tool with args; returns (status, stdout, stderr)."""
        env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', NO_COLOR='1',
                   COLUMNS='80')
        env.pop('SOURCE_DATE_EPOCH', None)
        cmd = [self.tool] + args
        log = None
        if self.valgrind:
            fd, log = tempfile.mkstemp(prefix='run_cases.', suffix='.vg')
            os.close(fd)
            cmd = VALGRIND + ['--log-file=' + log] + cmd
        try:
            p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True,
                               timeout=600 if self.valgrind else 60)
            status, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            status, out, err = 'timeout', e.stdout or b'', e.stderr or b''
        report = ''
        if log is not None:
            with open(log, encoding='utf-8', errors='replace') as f:
                report = f.read()
            os.unlink(log)
            if status == 9:
                status = 'valgrind'
        return status, out, err, report

    def compare(self, what, got, path):
        """Compares got with the golden file path; returns a problem."""
        if self.update:
            if got:
                with open(path, 'wb') as f:
                    f.write(got)
            elif os.path.exists(path):
                os.unlink(path)
            return None
        try:
            with open(path, 'rb') as f:
                want = f.read()
        except FileNotFoundError:
            want = b''
        if got == want:
            return None
        diff = difflib.unified_diff(
            want.decode('utf-8', 'replace').splitlines(keepends=True),
            got.decode('utf-8', 'replace').splitlines(keepends=True),
            fromfile=path, tofile=what)
        text = ''.join(line if line.endswith('\n') else line + '\n'
                       for line in diff)
        return text or f'{what}: differs from {path}\n'

    def case(self, name, path, base, good):
        """Runs one case: path is the PATH argument, base the golden
        files' path without extension."""
        args = read_lines(base + '.args')
        export_args = read_lines(base + '.export-args')
        status_text = read_text(base + '.status')
        want_status = int(status_text) if status_text else (0 if good else 1)
        problems = []

        status, out, err, report = self.run(
            ['check', '--today', TODAY] + args + [path])
        if report and status == 'valgrind':
            problems.append(f'check: valgrind found problems:\n{report}')
        if status != want_status:
            problems.append(f'check: exit status {status}, want '
                            f'{want_status}\n')
        if out:
            problems.append('check: wrote to standard output: '
                            f'{out[:200]!r}\n')
        p = self.compare('check stderr', err, diag_golden(base))
        if p:
            problems.append(p)
        check_err = err

        if good:
            status, out, err, report = self.run(
                ['export', '--format', 'json', '--today', TODAY] + args +
                export_args + [path])
            if report and status == 'valgrind':
                problems.append(f'export: valgrind found problems:\n{report}')
            if status != want_status:
                problems.append(f'export: exit status {status}, want '
                                f'{want_status}\n')
            p = self.compare('export stdout', out, base + '.json')
            if p:
                problems.append(p)
            # Export reports what check does, without the summary line,
            # after what it says of its own filters (NAME.export-diag)
            # and before why it wrote nothing (NAME.export-after).
            lines = check_err.splitlines(keepends=True)
            own = read_bytes(base + '.export-diag')
            after = read_bytes(base + '.export-after')
            data = b''.join(lines[:-1]) if lines else b''
            want_err = (own or b'') + data + (after or b'')
            if self.update and own is None and err != want_err and \
                    err.endswith(want_err):
                with open(base + '.export-diag', 'wb') as f:
                    f.write(err[:len(err) - len(want_err)])
            elif self.update and after is None and err != want_err and \
                    err.startswith(want_err):
                with open(base + '.export-after', 'wb') as f:
                    f.write(err[len(want_err):])
            elif err != want_err:
                problems.append(f'export: standard error differs from '
                                f'check\'s:\n  got  {err!r}\n  want '
                                f'{want_err!r}\n')

        if problems:
            self.failed.append(name)
            print(f'FAIL {name}')
            for p in problems:
                sys.stdout.write(p)
        else:
            self.passed += 1


def read_bytes(path):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except FileNotFoundError:
        return None


def read_text(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read().strip()
    except FileNotFoundError:
        return ''


def read_lines(path):
    try:
        with open(path, encoding='utf-8') as f:
            return [line.rstrip('\n') for line in f if line.strip()]
    except FileNotFoundError:
        return []


def cases():
    """Yields (name, PATH argument, golden base, good) for every case."""
    for kind, good in (('bad', False), ('good', True)):
        d = os.path.join(CASES, kind)
        if os.path.isdir(os.path.join(ROOT, d)):
            for entry in sorted(os.listdir(os.path.join(ROOT, d))):
                if entry.endswith('.yaml'):
                    base = os.path.join(d, entry[:-5])
                    yield kind + '/' + entry[:-5], base + '.yaml', base, good
        d = os.path.join(CASES, kind + '-dir')
        if os.path.isdir(os.path.join(ROOT, d)):
            for entry in sorted(os.listdir(os.path.join(ROOT, d))):
                if os.path.isdir(os.path.join(ROOT, d, entry)):
                    base = os.path.join(d, entry)
                    yield kind + '-dir/' + entry, base, base, good


def main(argv):
    update = valgrind = False
    only = None
    rest = []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == '--update':
            update = True
        elif a == '--valgrind':
            valgrind = True
        elif a == '-k' and i + 1 < len(argv):
            i += 1
            only = argv[i]
        else:
            rest.append(a)
        i += 1
    if len(rest) != 1:
        sys.stderr.write(__doc__)
        return 2
    tool = os.path.abspath(rest[0])
    r = Runner(tool, update, valgrind)
    for name, path, base, good in cases():
        if only is None or only in name:
            r.case(name, path, os.path.join(ROOT, base), good)
    if update:
        print(f'updated the golden files of {r.passed + len(r.failed)} '
              'cases; review them with git diff')
    print(f'{r.passed} passed, {len(r.failed)} failed')
    return 1 if r.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
