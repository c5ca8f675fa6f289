// Reads an iCalendar file with Mozilla's ical.js and prints what it sees
// as JSON: the calendar's name and description, and each VEVENT.
// Usage: node read_icaljs.mjs FILE
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const cal = new ICAL.Component(ICAL.parse(text));

// Times in a zone are placed with the file's own VTIMEZONE, not ical.js's.
for (const vtz of cal.getAllSubcomponents('vtimezone'))
  ICAL.TimezoneService.register(vtz);

const pad = (n, w = 2) => String(n).padStart(w, '0');
const local = (t) => t.isDate
  ? `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`
  : `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
const utc = (t) => t.isDate ? null
  : new Date(t.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');

const events = cal.getAllSubcomponents('vevent').map((c) => {
  const ev = new ICAL.Event(c);
  const start = c.getFirstProperty('dtstart');
  return {
    uid: ev.uid,
    summary: ev.summary,
    description: ev.description,
    location: ev.location,
    url: c.getFirstPropertyValue('url'),
    categories: c.getAllProperties('categories').flatMap((p) => p.getValues()),
    status: c.getFirstPropertyValue('status'),
    transp: c.getFirstPropertyValue('transp'),
    sequence: ev.sequence,
    x_timeline_date: c.getFirstPropertyValue('x-timeline-date'),
    start: local(ev.startDate),
    end: local(ev.endDate),
    all_day: ev.startDate.isDate,
    tzid: start.getParameter('tzid') || null,
    utc: utc(ev.startDate),
    utc_end: utc(ev.endDate),
  };
});

process.stdout.write(JSON.stringify({
  calname: cal.getFirstPropertyValue('x-wr-calname'),
  name: cal.getFirstPropertyValue('name'),
  caldesc: cal.getFirstPropertyValue('x-wr-caldesc'),
  components: cal.getAllSubcomponents().map((c) => c.name),
  zones: cal.getAllSubcomponents('vtimezone')
    .map((c) => c.getFirstPropertyValue('tzid')),
  events,
}, null, 1) + '\n');
