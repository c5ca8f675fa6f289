#!/usr/bin/python3
"""Property test of editing over generated files (seeded).

Usage: test_property.py PATH-TO-timeline [SEED [CASES]]

Each case writes a random timeline file (block and flow milestones, plain,
quoted, relative and ranged dates, comments, CR LF, a BOM, history in every
style, multibyte text, no final newline) and applies a random edit (move,
done with or without a day, status).  After it:

  (a) every changed line lies within the edited milestone's lines;
  (b) the file loads clean (timeline check exits 0);
  (c) the edited milestone has the new window and, for a new date, one
      more history entry holding the old date; its other fields (title,
      tags, links, location, description, time, timezone) are unchanged;
  (d) every other milestone's JSON export is identical, except the window
      of those placed (directly or not) relative to the edited one;
  (e) when the tool has `timeline diff`, its JSON report of the file before
      and after lists exactly the milestones whose window or status
      changed, each with the kind, windows and status change expected
      (SPEC section 9).  Without it, (e) is skipped and the last line
      says so.

The last line is `N passed, M failed`.
"""
import calendar
import datetime
import difflib
import json
import os
import random
import subprocess
import sys
import tempfile

TODAY = '2026-11-24'
STATUSES = ['planned', 'done', 'at-risk', 'slipped', 'cancelled']


def window(text):
    """The (start, end) days of a plain date, as ISO strings."""
    t = text.lstrip('~')
    y = int(t[:4])
    if len(t) == 4:
        return '%04d-01-01' % y, '%04d-12-31' % y
    rest = t[5:]
    if rest[0] == 'Q':
        q = int(rest[1])
        m0, m1 = 3 * q - 2, 3 * q
    elif rest[0] == 'H':
        h = int(rest[1])
        m0, m1 = 6 * h - 5, 6 * h
    elif len(rest) == 2:
        m0 = m1 = int(rest)
    else:
        return t, t
    last = calendar.monthrange(y, m1)[1]
    return '%04d-%02d-01' % (y, m0), '%04d-%02d-%02d' % (y, m1, last)


def random_date(rng, year_from=2025, year_to=2028):
    y = rng.randint(year_from, year_to)
    form = rng.choice(['y', 'h', 'q', 'm', 'd'])
    if form == 'y':
        s = '%04d' % y
    elif form == 'h':
        s = '%04d-H%d' % (y, rng.randint(1, 2))
    elif form == 'q':
        s = '%04d-Q%d' % (y, rng.randint(1, 4))
    elif form == 'm':
        s = '%04d-%02d' % (y, rng.randint(1, 12))
    else:
        m = rng.randint(1, 12)
        s = '%04d-%02d-%02d' % (y, m, rng.randint(1, 28))
    if rng.random() < 0.2:
        s = '~' + s
    return s


def random_day(rng):
    d = datetime.date(2025, 1, 1) + datetime.timedelta(rng.randint(0, 690))
    return d.isoformat()


def quote(rng, s):
    r = rng.random()
    if r < 0.15:
        return '"%s"' % s
    if r < 0.25:
        return "'%s'" % s
    return s


def generate(rng):
    """Returns (text, milestones) where each milestone is a dict with its
    id, first and last line (0-based), its date, and what it depends on."""
    eol = '\r\n' if rng.random() < 0.25 else '\n'
    lines = []
    if rng.random() < 0.3:
        lines.append('# Généré — テスト 🦀')
    lines.append('timeline: prop')
    if rng.random() < 0.5:
        lines.append('title: "Ünïcödé — 東京"')
    lines.append('milestones:')
    n = rng.randint(2, 6)
    ind = rng.choice([0, 2, 4])
    gap = rng.choice([2, 4])
    ms = []
    for i in range(n):
        mid = 'm%d' % i
        first = len(lines)
        kind = rng.choice(['plain', 'plain', 'range', 'relative'])
        if kind == 'relative' and i == 0:
            kind = 'plain'
        m = {'id': mid, 'kind': kind, 'refs': []}
        if kind == 'plain':
            m['date'] = random_date(rng)
        elif kind == 'range':
            a, b = sorted([random_date(rng), random_date(rng)],
                          key=lambda d: window(d)[0])
            if window(b)[1] < window(a)[0]:
                a, b = b, a
            m['date'], m['end'] = a, b
            if window(m['end'])[1] < window(m['date'])[0]:
                m['end'] = m['date'].lstrip('~')
        else:
            ref = rng.randrange(i)
            m['refs'] = [ms[ref]['id']]
            m['offset'] = '%s%d%s' % (rng.choice(['', '~']),
                                      rng.randint(0, 14),
                                      rng.choice('dwmqy'))
        status = rng.choice(STATUSES + [None, None])
        noted = random_day(rng) if rng.random() < 0.5 else None
        hist = rng.choice([None, None, 'block', 'flow', 'empty'])
        comment = '   # note é' if rng.random() < 0.3 else ''
        flow = rng.random() < 0.2 and kind != 'relative'
        if flow:
            parts = ['id: %s' % mid, 'title: Flow %d' % i]
            if kind == 'plain':
                parts.append('date: %s' % quote(rng, m['date']))
            else:
                parts.append('start: %s' % m['date'])
                parts.append('end: %s' % m['end'])
            if status:
                parts.append('status: %s' % status)
            if noted:
                parts.append('noted: %s' % noted)
            if hist == 'flow' or hist == 'block':
                parts.append('history: [{date: %s}]' % random_date(rng))
            elif hist == 'empty':
                parts.append('history: []')
            lines.append(' ' * ind + '- {' + ', '.join(parts) + '}' +
                         comment)
        else:
            key = ' ' * (ind + gap)
            lines.append(' ' * ind + '-' + ' ' * (gap - 1) + 'id: ' + mid)
            lines.append(key + 'title: Milestone %d — ✓' % i)
            if kind == 'plain':
                lines.append(key + 'date: ' + quote(rng, m['date']) +
                             comment)
            elif kind == 'range':
                lines.append(key + 'start: ' + quote(rng, m['date']))
                lines.append(key + 'end: ' + m['end'] + comment)
            elif rng.random() < 0.5:
                lines.append(key + 'date: {after: %s, offset: %s}%s' %
                             (m['refs'][0], m['offset'], comment))
            else:
                lines.append(key + 'date:')
                lines.append(key + '  after: ' + m['refs'][0])
                lines.append(key + '  offset: "%s"' % m['offset'])
            if rng.random() < 0.2:
                lines.append(key + '# a comment line')
            if status:
                lines.append(key + 'status: ' + status)
            if noted:
                lines.append(key + 'noted: ' + quote(rng, noted))
            if hist == 'block':
                lines.append(key + 'history:')
                for _ in range(rng.randint(1, 2)):
                    lines.append(key + '  - date: ' + random_date(rng))
            elif hist == 'flow':
                lines.append(key + 'history: [{date: %s}, {date: %s}]' %
                             (random_date(rng), random_date(rng)))
            elif hist == 'empty':
                lines.append(key + 'history: []')
            if rng.random() < 0.3:
                lines.append(key + 'description: |')
                lines.append(key + '  Some text — ü.')
                lines.append(key + '  More.')
            if rng.random() < 0.2:
                lines.append('')
        m['first'] = first
        m['last'] = len(lines) - 1
        ms.append(m)
    if rng.random() < 0.3:
        lines.append('# the end')
    text = eol.join(lines)
    if rng.random() < 0.8:
        text += eol
    data = text.encode()
    if rng.random() < 0.15:
        data = b'\xef\xbb\xbf' + data
    return data, ms


def run(tool, args, cwd, today=True):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', NO_COLOR='1')
    p = subprocess.run([tool] + args + (['--today', TODAY] if today else []),
                       cwd=cwd, env=env, capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def export(tool, cwd):
    rc, out, err = run(tool, ['export', '--format', 'json', 'p.yaml'], cwd)
    if rc != 0:
        return None
    return {m['id']: m for m in json.loads(out)['milestones']}


def dependents(ms, mid):
    out = set()
    changed = True
    while changed:
        changed = False
        for m in ms:
            if m['id'] not in out and any(r == mid or r in out
                                          for r in m['refs']):
                out.add(m['id'])
                changed = True
    return out


def old_date_text(before):
    d = before.get('date', before.get('start'))
    if isinstance(d, dict):
        w = before['window']
        prec = w['precision']
        s = w['start']
        y, mo = int(s[:4]), int(s[5:7])
        text = {'day': s, 'month': s[:7], 'quarter': '%04d-Q%d' %
                (y, (mo - 1) // 3 + 1), 'half': '%04d-H%d' %
                (y, (mo - 1) // 6 + 1), 'year': s[:4]}[prec]
        return ('~' if w['approximate'] else '') + text
    return d


def diff_kind(o, n):
    """The kind timeline diff gives a window's change, or None."""
    s0, e0, s1, e1 = o['start'], o['end'], n['start'], n['end']
    if (s0, e0) == (s1, e1):
        if o['approximate'] and not n['approximate']:
            return 'firmed'
        if n['approximate'] and not o['approximate']:
            return 'softened'
        return None
    if s1 >= s0 and e1 >= e0:
        return 'later'
    if s1 <= s0 and e1 <= e0:
        return 'earlier'
    if s1 >= s0 and e1 <= e0:
        return 'narrowed'
    return 'widened'


def check_diff(tool, tmp, old, before, after):
    """(e): timeline diff of the two versions reports what changed."""
    with open(os.path.join(tmp, 'old.yaml'), 'wb') as f:
        f.write(old)
    rc, out, err = run(tool, ['diff', '--format', 'json', 'old.yaml',
                              'p.yaml'], tmp, today=False)
    if rc != 0:
        return ['(e) diff exited %d: %s' % (rc, err[:300])]
    got = {c['milestone']: c for c in json.loads(out)['changes']}
    problems = []
    for mid, b in before.items():
        a = after[mid]
        name = 'prop/' + mid
        kind = diff_kind(b['window'], a['window'])
        status = None if a['status'] == b['status'] else \
            [b['status'], a['status']]
        same_days = (b['window']['start'], b['window']['end']) == \
            (a['window']['start'], a['window']['end'])
        if kind is None and status is None:
            if name in got and not same_days:
                problems.append('(e) %s reported: %r' % (name, got[name]))
            if name in got and same_days and got[name].get('status'):
                problems.append('(e) %s reported: %r' % (name, got[name]))
            continue
        c = got.get(name)
        if c is None:
            problems.append('(e) %s (%s, %r) not reported' %
                            (name, kind, status))
            continue
        if kind is not None and (c.get('kind') != kind or
                                 c.get('old') != b['window'] or
                                 c.get('new') != a['window']):
            problems.append('(e) %s: %r, not %s %r -> %r' %
                            (name, c, kind, b['window'], a['window']))
        if c.get('status') != status:
            problems.append('(e) %s status %r, not %r' %
                            (name, c.get('status'), status))
        if c.get('fields'):
            problems.append('(e) %s fields %r' % (name, c['fields']))
    for name in got:
        if name[len('prop/'):] not in before:
            problems.append('(e) unknown %s reported' % name)
    return problems


def has_diff(tool):
    """Whether the tool has the diff command."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'p.yaml'), 'w') as f:
            f.write('timeline: t\nmilestones: []\n')
        rc, out, err = run(tool, ['diff', '--format', 'json', 'p.yaml',
                                  'p.yaml'], tmp, today=False)
    return 'unknown command' not in err


def one_case(tool, rng, tmp, with_diff=False):
    """Returns a list of problems, or None when the case was skipped."""
    data, ms = generate(rng)
    path = os.path.join(tmp, 'p.yaml')
    with open(path, 'wb') as f:
        f.write(data)
    before = export(tool, tmp)
    if before is None:
        rc, out, err = run(tool, ['check', 'p.yaml'], tmp)
        return ['generated file does not load: ' + err[:300]]
    m = rng.choice(ms)
    mid = m['id']
    what = rng.choice(['move', 'move', 'move-range', 'done', 'done-day',
                       'status'])
    expect_window = None
    if what == 'move':
        when = random_date(rng)
        args = ['move', mid, when]
        expect_window = window(when)
    elif what == 'move-range':
        a, b = random_date(rng), random_date(rng)
        if window(b)[1] < window(a)[0]:
            a, b = b, a
        when = a + '..' + b
        args = ['move', mid, when]
        expect_window = (window(a)[0], window(b)[1])
    elif what == 'done':
        args = ['done', mid]
    elif what == 'done-day':
        day = random_day(rng)
        if day > TODAY:
            day = TODAY
        args = ['done', mid, day]
        expect_window = (day, day)
    else:
        st = rng.choice(STATUSES)
        args = ['status', mid, st]
    rc, out, err = run(tool, args + ['p.yaml'], tmp)
    if rc == 2 and 'already there' in err:
        return None
    if rc == 0 and 'nothing to change' in err:
        return None
    if rc == 1 and 'after 9999' in err:
        return None
    if rc != 0:
        return ['%s exited %d: %s' % (' '.join(args), rc, err[:300])]
    with open(path, 'rb') as f:
        new = f.read()
    problems = []
    # (a) changed lines within the milestone's.
    old_lines = data.splitlines(True)
    new_lines = new.splitlines(True)
    if data.startswith(b'\xef\xbb\xbf') != new.startswith(b'\xef\xbb\xbf'):
        problems.append('(a) BOM changed')
    sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == 'equal':
            continue
        lo, hi = m['first'], m['last']
        if tag == 'insert':
            ok = lo <= i1 <= hi + 1
        else:
            ok = lo <= i1 and i2 - 1 <= hi
        if not ok:
            problems.append('(a) lines %d-%d changed outside %d-%d' %
                            (i1, i2, lo, hi))
    # (b) loads clean.
    rc, _, err = run(tool, ['check', 'p.yaml'], tmp)
    if rc != 0:
        problems.append('(b) check exited %d: %s' % (rc, err[:300]))
        return problems
    after = export(tool, tmp)
    b, a = before[mid], after[mid]
    # (c) the new window, and history.
    new_date = expect_window is not None and (
        (b['window']['start'], b['window']['end']) != expect_window or
        args[0] == 'move')
    if expect_window is not None:
        if (a['window']['start'], a['window']['end']) != expect_window:
            problems.append('(c) window %r, not %r' % (a['window'],
                                                       expect_window))
    hb, ha = b.get('history', []), a.get('history', [])
    if new_date:
        if len(ha) != len(hb) + 1 or ha[:-1] != hb:
            problems.append('(c) history %r after %r' % (ha, hb))
        elif ha[-1]['date'] != old_date_text(b):
            problems.append('(c) history holds %r, not %r' %
                            (ha[-1]['date'], old_date_text(b)))
        elif ha[-1].get('noted') != b.get('noted'):
            problems.append('(c) history noted %r, not %r' %
                            (ha[-1].get('noted'), b.get('noted')))
        if a.get('noted') != TODAY:
            problems.append('(c) noted %r' % a.get('noted'))
    elif ha != hb:
        problems.append('(c) history changed without a new date')
    for field in ('title', 'tags', 'links', 'location', 'description',
                  'time', 'timezone'):
        if a.get(field) != b.get(field):
            problems.append('(c) %s changed: %r -> %r' %
                            (field, b.get(field), a.get(field)))
    if args[0] == 'status' and a['status'] != args[2]:
        problems.append('(c) status %s' % a['status'])
    if args[0] == 'done' and a['status'] != 'done':
        problems.append('(c) status %s' % a['status'])
    # (d) the others are as they were, but dependents' windows.
    deps = dependents(ms, mid)
    for oid, ob in before.items():
        if oid == mid:
            continue
        oa = dict(after[oid])
        ob = dict(ob)
        if oid in deps:
            oa.pop('window')
            ob.pop('window')
        if oa != ob:
            problems.append('(d) %s changed: %r -> %r' % (oid, ob, oa))
    if with_diff:
        problems += check_diff(tool, tmp, data, before, after)
    # What was printed: the edited milestone first.
    if expect_window is not None and new_date and \
            not out.startswith('prop/%s: ' % mid):
        problems.append('stdout: %r' % out)
    return problems


def main(argv):
    tool = os.path.abspath(argv[1])
    seed = int(argv[2]) if len(argv) > 2 else 15
    cases = int(argv[3]) if len(argv) > 3 else 300
    rng = random.Random(seed)
    passed = failed = skipped = 0
    with_diff = has_diff(tool)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(cases):
            problems = one_case(tool, rng, tmp, with_diff)
            if problems is None:
                skipped += 1
            elif problems:
                failed += 1
                with open(os.path.join(tmp, 'p.yaml'), 'rb') as f:
                    text = f.read()
                print('FAIL case %d (seed %d):' % (i, seed))
                for p in problems:
                    print('  ' + p)
                print(text.decode('utf-8', 'replace'))
            else:
                passed += 1
    if not with_diff:
        print('(e) not checked: this timeline has no diff command')
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
