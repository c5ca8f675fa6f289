#!/usr/bin/python3
"""The Python reference for 'timeline export --format ics'.

What a user would write with PyYAML and icalendar: load the YAML files,
work out each milestone's window (plain, range and relative dates, as
in SPEC section 2), sort, build one VEVENT per milestone with the same
properties as the exporter (UID, DTSTAMP, DTSTART/DTEND, SUMMARY with
the date in words, DESCRIPTION, LOCATION, URL, CATEGORIES, STATUS,
TRANSP, SEQUENCE, X-TIMELINE-DATE) and write the calendar.  It checks
nothing; the benchmark feeds it valid files only.  A timed milestone
gets a DTSTART with TZID but no VTIMEZONE.

    reference.py [-o FILE] PATH...

PyYAML's C loader is used when it is built in, the fastest way a user
has, so that the comparison does not flatter the C tool.
"""

import argparse
import calendar
import datetime
import os
import sys
import zoneinfo

import icalendar
import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]
ORDER = ["day", "month", "quarter", "half", "year"]


def period(prec, day):
    """The calendar period of precision prec holding day."""
    y, m = day.year, day.month
    if prec == "day":
        return day, day
    if prec == "month":
        first, months = m, 1
    elif prec == "quarter":
        first, months = (m - 1) // 3 * 3 + 1, 3
    elif prec == "half":
        first, months = (m - 1) // 6 * 6 + 1, 6
    else:
        first, months = 1, 12
    last = first + months - 1
    return (datetime.date(y, first, 1),
            datetime.date(y, last, calendar.monthrange(y, last)[1]))


def plain(value):
    """A plain date as written -> (start, end, precision, approximate)."""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    approx = text.startswith("~")
    text = text.lstrip("~")
    year = int(text[:4])
    rest = text[5:]
    if len(text) == 4:
        prec, day = "year", datetime.date(year, 1, 1)
    elif rest[0] == "Q":
        prec, day = "quarter", datetime.date(year, (int(rest[1]) - 1) * 3 + 1, 1)
    elif rest[0] == "H":
        prec, day = "half", datetime.date(year, (int(rest[1]) - 1) * 6 + 1, 1)
    elif len(rest) == 2:
        prec, day = "month", datetime.date(year, int(rest), 1)
    else:
        prec, day = "day", datetime.date.fromisoformat(text)
    start, end = period(prec, day)
    return {"start": start, "end": end, "prec": prec, "approx": approx,
            "start_prec": prec, "end_prec": prec}


def add_months(day, n):
    index = day.year * 12 + day.month - 1 + n
    y, m = divmod(index, 12)
    m += 1
    return datetime.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def relative(ref, spec):
    """The window of {after|before: ref, offset: N[dwmqy]}."""
    before = "before" in spec
    offset = str(spec["offset"])
    approx = offset.startswith("~")
    count, unit = int(offset.lstrip("~")[:-1]), offset[-1]
    sign = -1 if before else 1
    start = ref["start"]
    if unit in "dw":
        moved = start + datetime.timedelta(days=sign * count * (7 if unit == "w" else 1))
    else:
        months = count * {"m": 1, "q": 3, "y": 12}[unit]
        moved = add_months(start, sign * months)
    unit_prec = {"d": "day", "w": "day", "m": "month", "q": "quarter",
                 "y": "year"}[unit]
    ref_prec = ref["start_prec"]
    prec = max(ref_prec, unit_prec, key=ORDER.index)
    if unit == "y" and ref_prec in ("day", "month"):
        prec = "month"
    first, last = period(prec, moved)
    return {"start": first, "end": last, "prec": prec,
            "approx": approx or ref["approx"], "start_prec": prec,
            "end_prec": prec}


def words(w, year=True):
    """The window in words: '10 Dec 2025', '~Dec 2026', 'Q3 2026'."""
    def one(prec, day, approx):
        t = "~" if approx else ""
        if prec == "day":
            s = "%d %s" % (day.day, MONTHS[day.month - 1])
        elif prec == "month":
            s = MONTHS[day.month - 1]
        elif prec == "quarter":
            s = "Q%d" % ((day.month - 1) // 3 + 1)
        elif prec == "half":
            s = "H%d" % ((day.month - 1) // 6 + 1)
        else:
            return t + str(day.year)
        return t + s + (" %d" % day.year if year else "")
    if w["prec"] == "range":
        return "%s – %s" % (one(w["start_prec"], w["start"], w["start_approx"]),
                            one(w["end_prec"], w["end"], w["end_approx"]))
    return one(w["prec"], w["start"], w["approx"])


def load(paths):
    files = []
    for path in paths:
        if os.path.isdir(path):
            files += [os.path.join(path, n) for n in sorted(os.listdir(path))
                      if n.endswith((".yaml", ".yml")) and not n.startswith(".")]
        else:
            files.append(path)
    timelines = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            timelines.append(yaml.load(f, Loader=LOADER))
    return timelines


def resolve(timelines):
    """Every milestone with its window, in the order of SPEC section 4."""
    by_name = {}
    for t in timelines:
        for m in t["milestones"] or []:
            by_name["%s/%s" % (t["timeline"], m["id"])] = (t, m)

    def window(t, m):
        if "_window" in m:
            return m["_window"]
        if "start" in m:
            s, e = plain(m["start"]), plain(m["end"])
            w = {"start": s["start"], "end": e["end"], "prec": "range",
                 "approx": s["approx"] or e["approx"],
                 "start_prec": s["prec"], "end_prec": e["prec"],
                 "start_approx": s["approx"], "end_approx": e["approx"]}
        elif isinstance(m["date"], dict):
            spec = m["date"]
            target = spec.get("after", spec.get("before"))
            key = target if "/" in target else "%s/%s" % (t["timeline"], target)
            w = relative(window(*by_name[key]), spec)
        else:
            w = plain(m["date"])
        m["_window"] = w
        return w

    out = []
    for t in timelines:
        for m in t["milestones"] or []:
            out.append((t, m, window(t, m)))
    out.sort(key=lambda x: (x[2]["start"], x[2]["end"], x[0]["timeline"],
                            str(x[1]["id"])))
    return out


def written(m):
    if "start" in m:
        return "%s/%s" % (m["start"], m["end"])
    d = m["date"]
    if isinstance(d, dict):
        kind = "after" if "after" in d else "before"
        return "%s:%s %s" % (kind, d[kind], d["offset"])
    return str(d)


def build(timelines, stamp):
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//timeline//reference.py//EN")
    cal.add("calscale", "GREGORIAN")
    name = (timelines[0].get("title") or timelines[0]["timeline"]
            if len(timelines) == 1 else "Timeline")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    one_day = datetime.timedelta(days=1)
    for t, m, w in resolve(timelines):
        ev = icalendar.Event()
        ev.add("uid", "%s@%s.timeline" % (m["id"], t["timeline"]))
        ev.add("dtstamp", stamp)
        exact = w["prec"] == "day" and not w["approx"]
        if "time" in m:
            zone = zoneinfo.ZoneInfo(m["timezone"])
            hh, mm = str(m["time"]).split(":")
            start = datetime.datetime.combine(
                w["start"], datetime.time(int(hh), int(mm)), tzinfo=zone)
            ev.add("dtstart", start)
            ev.add("dtend", start + datetime.timedelta(hours=1))
        else:
            whole = w["prec"] in ("range", "day", "month")
            ev.add("dtstart", w["start"])
            ev.add("dtend", (w["end"] if whole else w["start"]) + one_day)
        summary = str(m["title"])
        if not exact:
            summary += " (%s)" % words(w)
        ev.add("summary", summary)
        lines = []
        if m.get("description"):
            lines.append(m["description"].rstrip("\n") + "\n")
        when = "Date: " + written(m)
        if not (exact and "date" in m and not isinstance(m["date"], dict)):
            when += " (%s" % w["start"].isoformat()
            if w["end"] != w["start"]:
                when += " to %s" % w["end"].isoformat()
            when += ", approximate)" if w["approx"] else ")"
        lines.append(when)
        if "noted" in m:
            lines.append("Noted: %s" % m["noted"])
        for h in m.get("history") or []:
            lines.append("Earlier estimate: %s" % h["date"] +
                         (", noted %s" % h["noted"] if "noted" in h else ""))
        for link in m.get("links") or []:
            lines.append("Link: " + link)
        ev.add("description", "\n".join(lines))
        if m.get("location"):
            ev.add("location", m["location"])
        if m.get("links"):
            ev.add("url", m["links"][0])
        if m.get("tags"):
            ev.add("categories", [str(x) for x in m["tags"]])
        status = m.get("status", "planned")
        ev.add("status", {"done": "CONFIRMED", "cancelled": "CANCELLED"}
               .get(status, "TENTATIVE"))
        ev.add("transp", "TRANSPARENT")
        ev.add("sequence", len(m.get("history") or []))
        ev.add("x-timeline-date", written(m))
        cal.add_component(ev)
    return cal


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-o", "--output", default="-")
    p.add_argument("paths", nargs="+")
    a = p.parse_args()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
             if epoch else datetime.datetime.now(datetime.timezone.utc))
    data = build(load(a.paths), stamp).to_ical()
    if a.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(a.output, "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
