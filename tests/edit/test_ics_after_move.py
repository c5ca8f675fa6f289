#!/usr/bin/python3
"""A calendar sees a move: the iCalendar export after `timeline move`, read
with python-icalendar, has the moved event on its new days with a higher
SEQUENCE, and its dependents on their new days.

Usage: test_ics_after_move.py PATH-TO-timeline [--dependents-sequence]

The events that move with it (placed relative to it) must carry a higher
SEQUENCE too when the export adds the reference's SEQUENCE to theirs
(SPEC section 6: seen before the move, as ga's SEQUENCE equal to beta's),
or when --dependents-sequence is given; otherwise that check is skipped
and the output says so.  Exits 77 (ctest's skip) when
python-icalendar is not installed.
"""
import datetime
import os
import subprocess
import sys
import tempfile

DATA = """timeline: rust
title: Rust for Linux
milestones:
  - id: beta
    title: Beta
    date: 2026-10-15
    history:
      - date: 2026-09-01
  - id: ga
    title: General availability
    date: {after: beta, offset: 2w}
  - id: other
    title: Unrelated
    date: 2027-03-02
"""


def export(tool, cwd):
    env = dict(os.environ, SOURCE_DATE_EPOCH='0', TZ='UTC')
    p = subprocess.run([tool, 'export', '--format', 'ics', 't.yaml'],
                       cwd=cwd, env=env, capture_output=True, check=True)
    import icalendar
    cal = icalendar.Calendar.from_ical(p.stdout)
    out = {}
    for ev in cal.walk('VEVENT'):
        out[str(ev['UID'])] = (int(ev['SEQUENCE']), ev['DTSTART'].dt,
                               ev['DTEND'].dt)
    return out


def main(argv):
    try:
        import icalendar  # noqa: F401
    except ImportError:
        print('python-icalendar is not installed')
        return 77
    tool = os.path.abspath(argv[1])
    deps_seq = '--dependents-sequence' in argv
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 't.yaml'), 'w') as f:
            f.write(DATA)
        before = export(tool, tmp)
        p = subprocess.run([tool, 'move', 'beta', '2026-11-20', '--today',
                            '2026-11-24', 't.yaml'], cwd=tmp,
                           capture_output=True)
        if p.returncode != 0:
            print('move failed: %r' % p.stderr)
            return 1
        after = export(tool, tmp)
    b = 'beta@rust.timeline'
    g = 'ga@rust.timeline'
    o = 'other@rust.timeline'
    if before[g][0] == before[b][0]:
        deps_seq = True
    elif not deps_seq:
        print('dependents\' SEQUENCE not checked: this export does not add '
              'the reference\'s SEQUENCE')
    if not after[b][0] > before[b][0]:
        failures.append('beta: SEQUENCE %d -> %d' % (before[b][0],
                                                     after[b][0]))
    if after[b][0] != 2:
        failures.append('beta: SEQUENCE %d, not the 2 history entries' %
                        after[b][0])
    if after[b][1] != datetime.date(2026, 11, 20) or \
            after[b][2] != datetime.date(2026, 11, 21):
        failures.append('beta: on %r' % (after[b][1:],))
    # ga is two weeks after beta: 4 Dec, one day.
    if after[g][1] != datetime.date(2026, 12, 4):
        failures.append('ga: on %r' % (after[g][1:],))
    if deps_seq and not after[g][0] > before[g][0]:
        failures.append('ga: SEQUENCE %d -> %d' % (before[g][0],
                                                   after[g][0]))
    if after[o] != before[o]:
        failures.append('other changed: %r -> %r' % (before[o], after[o]))
    for f in failures:
        print('FAIL ' + f)
    print('%d passed, %d failed' % (1 if not failures else 0,
                                    1 if failures else 0))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
