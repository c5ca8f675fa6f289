#!/usr/bin/python3
"""Reads timeline's iCalendar exports with parsers nobody here wrote.

Usage: check_parsers.py PARSER TIMELINE [DATA...]

PARSER is python-icalendar (Debian's python3-icalendar), vobject (Debian's
python3-vobject, the reader of the Radicale CalDAV server), ical.js
(Mozilla's, from node_modules beside this file) or calcurse (imported into
a throwaway data directory).  TIMELINE is the built command-line tool.  Every
NAME.expect.json beside this file names a fixture and the events a parser
must see in its export (with each --ics-spans policy it lists); each DATA
path (the project's own timelines) is exported too, and must read as the
same milestones as its JSON export.  Exits 0 when every check passes, 1
when one fails, and 77 (ctest's skip) when the parser is not installed.
"""
import datetime
import glob
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
failures = []


def fail(what):
    failures.append(what)


def export(tool, path, out, spans='auto'):
    """Exports path as iCalendar to out with a fixed DTSTAMP."""
    env = dict(os.environ, SOURCE_DATE_EPOCH='0', TZ='UTC')
    p = subprocess.run([tool, 'export', '--format', 'ics', '--ics-spans',
                        spans, '-o', out, path],
                       capture_output=True, env=env, timeout=60)
    if p.returncode != 0:
        fail(f'{path} ({spans}): export exits {p.returncode}: '
             f'{p.stderr.decode(errors="replace")[:300]}')
        return False
    return True


# The readers of python-icalendar and ical.js return {"calname", "name",
# "caldesc", "components", "zones", "events": {UID: {...}}} with dates as
# "YYYY-MM-DD", local times as "YYYY-MM-DDTHH:MM:SS", and "utc" and
# "utc_end" the start and the end placed by the file's own VTIMEZONE.

def read_python_icalendar(path):
    import icalendar
    with open(path, 'rb') as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = {}
    for vtz in cal.walk('VTIMEZONE'):
        # The file's own rules, not the system's: this is what they are
        # for.  python-icalendar 6 (Debian 13) would look the TZID up
        # first unless told not to; 5 (Debian 12) has no such choice.
        if 'lookup_tzid' in inspect.signature(vtz.to_tz).parameters:
            zones[str(vtz['TZID'])] = vtz.to_tz(lookup_tzid=False)
        else:
            zones[str(vtz['TZID'])] = vtz.to_tz()

    def localize(zone, naive):
        """naive as a time of zone: pytz's zones (python-icalendar 5)
        place it with localize(), dateutil's and zoneinfo's (6) take it
        as their tzinfo (the first of two times, as pytz's default)."""
        if hasattr(zone, 'localize'):
            return zone.localize(naive)
        return naive.replace(tzinfo=zone)

    def text(c, name):
        v = c.get(name)
        return None if v is None else str(v)

    def when(prop):
        dt = prop.dt
        if isinstance(dt, datetime.datetime):
            return dt.replace(tzinfo=None).isoformat()
        return dt.isoformat()

    def instant(prop):
        """The UTC instant of a DATE-TIME, or None for a DATE."""
        tzid = prop.params.get('TZID')
        if tzid is not None:
            local = localize(zones[tzid], prop.dt.replace(tzinfo=None))
            return local.astimezone(datetime.timezone.utc).strftime(
                '%Y-%m-%dT%H:%M:%SZ')
        if isinstance(prop.dt, datetime.datetime) and \
                prop.dt.tzinfo is not None:
            # A time written in UTC (with Z) is that instant.
            return prop.dt.astimezone(datetime.timezone.utc).strftime(
                '%Y-%m-%dT%H:%M:%SZ')
        return None

    events = {}
    for c in cal.walk('VEVENT'):
        start = c['DTSTART']
        tzid = start.params.get('TZID')
        cats = c.get('CATEGORIES')
        if cats is None:
            cats = []
        elif not isinstance(cats, list):
            cats = [cats]
        events[str(c['UID'])] = {
            'summary': text(c, 'SUMMARY'),
            'description': text(c, 'DESCRIPTION'),
            'location': text(c, 'LOCATION'),
            'url': text(c, 'URL'),
            'categories': [str(x) for cat in cats for x in cat.cats],
            'status': text(c, 'STATUS'),
            'transp': text(c, 'TRANSP'),
            'sequence': int(c['SEQUENCE']) if 'SEQUENCE' in c else None,
            'x_timeline_date': text(c, 'X-TIMELINE-DATE'),
            'start': when(start),
            'end': when(c['DTEND']),
            'all_day': not isinstance(start.dt, datetime.datetime),
            'tzid': tzid,
            'utc': instant(start),
            'utc_end': instant(c['DTEND']),
        }
    return {
        'calname': text(cal, 'X-WR-CALNAME'),
        'name': text(cal, 'NAME'),
        'caldesc': text(cal, 'X-WR-CALDESC'),
        'components': [c.name.lower() for c in cal.subcomponents],
        'zones': list(zones),
        'events': events,
    }


def read_vobject(path):
    """The same as read_python_icalendar, read by vobject, which places
    each time with the tzinfo it builds from the file's VTIMEZONE."""
    import vobject
    import vobject.icalendar
    # vobject keeps the first VTIMEZONE of each TZID for the life of the
    # process: each file is read as by a reader that has seen no other.
    getattr(vobject.icalendar, '__tzidMap').clear()
    vobject.icalendar.registerTzid('UTC', vobject.icalendar.utc)
    with open(path, encoding='utf-8', newline='') as f:
        cal = vobject.readOne(f.read(), validate=True)

    def text(c, name):
        lines = c.contents.get(name)
        return None if not lines else str(lines[0].value)

    def when(value):
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None).isoformat()
        return value.isoformat()

    def instant(value):
        if isinstance(value, datetime.datetime) and \
                value.tzinfo is not None:
            return value.astimezone(datetime.timezone.utc).strftime(
                '%Y-%m-%dT%H:%M:%SZ')
        return None

    events = {}
    for c in cal.components():
        if c.name != 'VEVENT':
            continue
        start, end = c.dtstart, c.dtend
        # The TZID, which vobject takes off once it has placed the time.
        tzid = start.params.get('X-VOBJ-ORIGINAL-TZID',
                                start.params.get('TZID'))
        events[text(c, 'uid')] = {
            'summary': text(c, 'summary'),
            'description': text(c, 'description'),
            'location': text(c, 'location'),
            'url': text(c, 'url'),
            'categories': [x for line in c.contents.get('categories', [])
                           for x in line.value],
            'status': text(c, 'status'),
            'transp': text(c, 'transp'),
            'sequence': int(text(c, 'sequence'))
            if 'sequence' in c.contents else None,
            'x_timeline_date': text(c, 'x-timeline-date'),
            'start': when(start.value),
            'end': when(end.value),
            'all_day': not isinstance(start.value, datetime.datetime),
            'tzid': tzid[0] if tzid else None,
            'utc': instant(start.value),
            'utc_end': instant(end.value),
        }
    return {
        'calname': text(cal, 'x-wr-calname'),
        'name': text(cal, 'name'),
        'caldesc': text(cal, 'x-wr-caldesc'),
        'components': [c.name.lower() for c in cal.components()],
        'zones': [text(c, 'tzid') for c in cal.components()
                  if c.name == 'VTIMEZONE'],
        'events': events,
    }


def read_icaljs(path):
    p = subprocess.run(['node', os.path.join(HERE, 'read_icaljs.mjs'), path],
                       capture_output=True, timeout=60, cwd=HERE)
    if p.returncode != 0:
        fail(f'{path}: ical.js fails: {p.stderr.decode(errors="replace")[:500]}')
        return None
    got = json.loads(p.stdout)
    events = {}
    for ev in got['events']:
        if ev['uid'] in events:
            fail(f'{path}: ical.js sees UID {ev["uid"]} twice')
        events[ev['uid']] = ev
    got['events'] = events
    return got


CALCURSE_EVENT = re.compile(
    r'^(\d\d)/(\d\d)/(\d{4}) \[1\](?: \{1D -> (\d\d)/(\d\d)/(\d{4})\})?'
    r'(?: >[0-9a-f]+)? (.*)$')
CALCURSE_APPT = re.compile(
    r'^(\d\d)/(\d\d)/(\d{4}) @ (\d\d):(\d\d) -> '
    r'(\d\d)/(\d\d)/(\d{4}) @ (\d\d):(\d\d)(?:>[0-9a-f]+ )?\s*\|(.*)$')


def read_calcurse(path):
    """Imports into an empty calcurse and reads back its appointments.

    calcurse keeps no UID, so events are keyed by summary; an all-day
    event over several days is a daily repetition ending on its last
    day, and a timed one is written in the local time of TZ (UTC here).
    """
    data = tempfile.mkdtemp(prefix='timeline-calcurse-')
    try:
        env = dict(os.environ, TZ='UTC', HOME=data)
        p = subprocess.run(['calcurse', '-D', data, '-i', path],
                           capture_output=True, env=env, timeout=60,
                           stdin=subprocess.DEVNULL)
        out = p.stdout.decode(errors='replace')
        err = p.stderr.decode(errors='replace')
        if p.returncode != 0 or err.strip():
            fail(f'{path}: calcurse import exits {p.returncode}: {err[:300]}')
        m = re.search(r'(\d+) apps? / (\d+) events? / (\d+) todos? / '
                      r'(\d+) skipped', out)
        if not m:
            fail(f'{path}: no calcurse import report in {out[:300]!r}')
            return None
        report = [int(x) for x in m.groups()]
        try:
            with open(os.path.join(data, 'apts'), encoding='utf-8') as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            lines = []
    finally:
        shutil.rmtree(data)

    events = {}
    for line in lines:
        m = CALCURSE_APPT.match(line)
        if m:
            g = m.groups()
            events.setdefault(g[10], []).append({
                'utc': f'{g[2]}-{g[0]}-{g[1]}T{g[3]}:{g[4]}:00Z',
                'utc_end': f'{g[7]}-{g[5]}-{g[6]}T{g[8]}:{g[9]}:00Z',
                'all_day': False})
            continue
        m = CALCURSE_EVENT.match(line)
        if m:
            g = m.groups()
            first = datetime.date(int(g[2]), int(g[0]), int(g[1]))
            last = first if g[3] is None else \
                datetime.date(int(g[5]), int(g[3]), int(g[4]))
            events.setdefault(g[6], []).append({
                'start': first.isoformat(),
                'end': (last + datetime.timedelta(days=1)).isoformat(),
                'all_day': True})
            continue
        fail(f'{path}: calcurse wrote a line this check cannot read: {line!r}')
    return {'report': report, 'events': events}


def expected_end(ev, spans):
    return ev.get('end_' + spans, ev['end'])


def check_generic(path, label, got, want):
    """Compares what a generic parser read with the expectations."""
    if got is None:
        return
    comps = got['components']
    if 'vtodo' in comps:
        fail(f'{label}: holds a VTODO')
    if comps.count('vevent') != len(want['events']):
        fail(f'{label}: {comps.count("vevent")} VEVENTs, '
             f'want {len(want["events"])}')
    zones = sorted(got['zones'])
    if zones != want.get('zones', []):
        fail(f'{label}: VTIMEZONEs {zones}, want {want.get("zones", [])}')
    for key in ('calname', 'name', 'caldesc'):
        wk = 'calname' if key == 'name' else key
        if wk in want and got.get(key) != want[wk]:
            fail(f'{label}: {key} {got.get(key)!r}, want {want[wk]!r}')
    if set(got['events']) != set(want['events']):
        fail(f'{label}: UIDs {sorted(got["events"])}, '
             f'want {sorted(want["events"])}')
    for uid, ev in want['events'].items():
        g = got['events'].get(uid)
        if g is None:
            continue
        exp = dict(ev)
        exp['end'] = expected_end(ev, want['_spans'])
        exp['all_day'] = 'T' not in ev['start']
        exp.setdefault('tzid', None)
        exp.setdefault('transp', 'TRANSPARENT')
        exp.setdefault('status', 'TENTATIVE')
        exp.setdefault('sequence', 0)
        for k, v in exp.items():
            if k.startswith('end_') or k == 'utc_unknown_to':
                continue
            if k in ('utc', 'utc_end') and \
                    want['_parser'] in ev.get('utc_unknown_to', []):
                continue
            if g.get(k) != v:
                fail(f'{label}: {uid} {k} = {g.get(k)!r}, want {v!r}')


def check_calcurse(path, label, got, want):
    if got is None:
        return
    apps, events, todos, skipped = got['report']
    if apps + events != len(want['events']) or todos or skipped:
        fail(f'{label}: calcurse imported {apps} appointments, {events} '
             f'events, {todos} todos, skipped {skipped}; want '
             f'{len(want["events"])} in all and none skipped')
    for uid, ev in want['events'].items():
        seen = got['events'].get(ev['summary'], [])
        if len(seen) != 1:
            fail(f'{label}: {uid}: calcurse holds {len(seen)} items '
                 f'titled {ev["summary"]!r}')
            continue
        g = seen[0]
        if 'T' in ev['start']:
            exp = {'all_day': False}
            if 'calcurse' not in ev.get('utc_unknown_to', []):
                exp['utc'] = ev['utc']
                if 'utc_end' in ev:
                    exp['utc_end'] = ev['utc_end']
        else:
            exp = {'all_day': True, 'start': ev['start'],
                   'end': expected_end(ev, want['_spans'])}
        for k, v in exp.items():
            if g.get(k) != v:
                fail(f'{label}: {uid} {k} = {g.get(k)!r}, want {v!r}')


def expectations_from_json(tool, path):
    """Builds expectations for DATA from the JSON export of the same set."""
    p = subprocess.run([tool, 'export', '--format', 'json', path],
                       capture_output=True, timeout=60,
                       env=dict(os.environ, TZ='UTC'))
    if p.returncode != 0:
        fail(f'{path}: JSON export exits {p.returncode}')
        return None
    doc = json.loads(p.stdout)
    events = {}
    for m in doc['milestones']:
        w = m['window']
        events[f'{m["id"]}@{m["timeline"]}.timeline'] = {'window': w}
    return {'events': events}


def check_against_json(label, got, want):
    """Loose checks for DATA: the same UIDs, starts and all-day ends."""
    if got is None or want is None:
        return
    if set(got['events']) != set(want['events']):
        fail(f'{label}: UIDs differ from the JSON export: '
             f'{sorted(set(got["events"]) ^ set(want["events"]))}')
    for uid, ev in want['events'].items():
        g = got['events'].get(uid)
        if g is None:
            continue
        w = ev['window']
        if not g['start'].startswith(w['start']):
            fail(f'{label}: {uid} starts {g["start"]}, window {w["start"]}')
        if g['all_day']:
            last = datetime.date.fromisoformat(g['end']) - \
                datetime.timedelta(days=1)
            if not w['start'] <= last.isoformat() <= w['end']:
                fail(f'{label}: {uid} ends {g["end"]}, outside its window')


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    parser, tool = sys.argv[1], os.path.abspath(sys.argv[2])
    data = sys.argv[3:]
    if parser == 'python-icalendar':
        try:
            import icalendar  # noqa: F401
        except ImportError:
            print('SKIP: python3-icalendar is not installed for '
                  f'{sys.executable}')
            return SKIP
        read = read_python_icalendar
    elif parser == 'vobject':
        try:
            import vobject  # noqa: F401
        except ImportError:
            print('SKIP: python3-vobject is not installed for '
                  f'{sys.executable}')
            return SKIP
        read = read_vobject
    elif parser == 'ical.js':
        if shutil.which('node') is None:
            print('SKIP: node is not installed')
            return SKIP
        if not os.path.isdir(os.path.join(HERE, 'node_modules', 'ical.js')):
            print(f'SKIP: ical.js is not installed; run npm ci in {HERE}')
            return SKIP
        read = read_icaljs
    elif parser == 'calcurse':
        if shutil.which('calcurse') is None:
            print('SKIP: calcurse is not installed')
            return SKIP
        read = read_calcurse
    else:
        print(f'unknown parser {parser!r}', file=sys.stderr)
        return 2

    runs = 0
    with tempfile.TemporaryDirectory(prefix='timeline-ics-') as tmp:
        for spec in sorted(glob.glob(os.path.join(HERE, '*.expect.json'))):
            with open(spec, encoding='utf-8') as f:
                want = json.load(f)
            name = os.path.basename(spec)[:-len('.expect.json')]
            for spans in want.get('spans', ['auto']):
                out = os.path.join(tmp, f'{name}-{spans}.ics')
                if not export(tool, os.path.join(HERE, want['input']), out,
                              spans):
                    continue
                want['_spans'], want['_parser'] = spans, parser
                label = f'{name} ({spans}, {parser})'
                got = read(out)
                if parser == 'calcurse':
                    check_calcurse(out, label, got, want)
                else:
                    check_generic(out, label, got, want)
                runs += 1
        for path in data:
            out = os.path.join(tmp, 'data.ics')
            if not export(tool, path, out):
                continue
            want = expectations_from_json(tool, path)
            got = read(out)
            label = f'{path} ({parser})'
            if parser == 'calcurse':
                if got is not None and want is not None:
                    n = got['report'][0] + got['report'][1]
                    if n != len(want['events']) or got['report'][3]:
                        fail(f'{label}: calcurse imported {n} items, '
                             f'skipped {got["report"][3]}; want '
                             f'{len(want["events"])}')
            else:
                check_against_json(label, got, want)
            runs += 1

    for f in failures:
        print('FAIL:', f)
    print(f'{parser}: {runs} exports read, {len(failures)} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
