#!/usr/bin/python3
"""The picture and the page in a real browser: Debian's chromium, headless.

Usage: test_browser.py PATH-TO-timeline

Every picture of tests/picture/, the project's own and a lane too full to
label, at widths 480, 1200 and 2400, is put inline in one HTML page with a
small script that writes the box of every text, mark, tick and today line
into the page, which chromium --dump-dom returns; the page is measured with
the system's fonts, then with DejaVu Sans alone and Noto Sans alone (each
when installed), whose line boxes differ.  Asserted:

  - no two texts overlap, and every text lies inside the picture;
  - each milestone's mark is centred on the x its window's start maps to
    (the map read from the axis' ticks), within 1 px;
  - the marks of a lane come in the order of SPEC section 4;
  - every tick where the coarser unit changes has that unit's label;
  - the today line stands at today, and crosses no label of the axis;
  - a connector of a relative date runs through no text: one drawn as
    lines across and upright never, a curve (the way when there is no
    other) only as often as in the pictures listed in THROUGH;
  - every milestone's label stands on a rim of the background's colour,
    but for a cancelled title, struck through.

A screenshot (PNG) of the project's own picture is not blank.  On the page,
with scripts on, typing into the filter hides the rows that do not match,
and sorting by title orders the rows; with scripts off every row is shown
and the filter stays hidden; and the page's Content-Security-Policy keeps
even an injected image, style sheet and fetch() from reaching a server.

Exit status 77 when chromium is missing.
"""
import base64
import datetime
import fcntl
import hashlib
import html
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PICTURES = os.path.join(ROOT, 'tests', 'picture')
TODAY = '2026-06-15'
WIDTHS = (480, 1200, 2400)
ENV = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
         '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync',
         '--hide-scrollbars', '--force-device-scale-factor=1']
# The pictures must not depend on the sans-serif face the browser picks:
# they are measured with the system's fonts and with each of these alone
# (DejaVu Sans, whose advances the exporter estimates with, and Noto Sans,
# whose line box is taller), when installed.
FONTS = (('DejaVu Sans', '/usr/share/fonts/truetype/dejavu'),
         ('Noto Sans', '/usr/share/fonts/truetype/noto'))

MEASURE = r'''
<script>
(function () {
	var out = [];
	function box(e, r) {
		var b = e.getBoundingClientRect();
		return [b.left - r.left, b.top - r.top, b.width, b.height];
	}
	document.querySelectorAll("div.case").forEach(function (d) {
		var svg = d.querySelector("svg"), r = svg.getBoundingClientRect();
		var c = {name: d.id, w: r.width, h: r.height, texts: [],
		    marks: [], ticks: [], today: null};
		svg.querySelectorAll("text").forEach(function (t) {
			c.texts.push({b: box(t, r), s: t.textContent});
		});
		svg.querySelectorAll("g[data-id]").forEach(function (g) {
			var lane = g.closest("g.lane");
			c.marks.push({id: g.getAttribute("data-id"),
			    lane: lane ? lane.getAttribute("data-timeline") : null,
			    b: box(g.querySelector(".m"), r)});
		});
		svg.querySelectorAll("g.tick").forEach(function (g) {
			c.ticks.push({day: Number(g.getAttribute("data-day")),
			    b: box(g.querySelector("line"), r)});
		});
		c.upper = [];
		svg.querySelectorAll("g.axis > text").forEach(function (t) {
			c.upper.push({b: box(t, r), s: t.textContent});
		});
		c.axis = [];
		svg.querySelectorAll("g.axis text").forEach(function (t) {
			c.axis.push({b: box(t, r), s: t.textContent});
		});
		var bg = svg.querySelector(".bg");
		c.rims = [];
		svg.querySelectorAll("text.lb").forEach(function (t) {
			var st = getComputedStyle(t);
			c.rims.push([st.paintOrder, st.stroke,
			    parseFloat(st.strokeWidth),
			    bg ? getComputedStyle(bg).fill : null]);
		});
		c.struck = [];
		svg.querySelectorAll("text.lb .cx").forEach(function (t) {
			c.struck.push(getComputedStyle(t).stroke);
		});
		var t = svg.querySelector("g.today line");
		if (t)
			c.today = box(t, r);
		c.links = [];
		svg.querySelectorAll("g.connectors path").forEach(function (p) {
			var m = p.getScreenCTM(), n = p.getTotalLength(), pts = [];
			for (var l = 0; l <= n; l += 1) {
				var q = p.getPointAtLength(l).matrixTransform(m);
				pts.push([Math.round((q.x - r.left) * 10) / 10,
				    Math.round((q.y - r.top) * 10) / 10]);
			}
			c.links.push({curve: /C/.test(p.getAttribute("d")),
			    pts: pts});
		});
		out.push(c);
	});
	var pre = document.createElement("pre");
	pre.id = "result";
	pre.textContent = JSON.stringify(out);
	document.body.appendChild(pre);
}());
</script>
'''


def day_number(iso):
    """Days since 0001-01-01, as the library counts them."""
    return datetime.date.fromisoformat(iso).toordinal() - 1


class Test:
    def __init__(self, tool, chromium, tmp):
        self.tool = tool
        self.chromium = chromium
        self.tmp = tmp
        self.failures = []
        self.checks = 0

    def check(self, ok, what):
        self.checks += 1
        if not ok:
            self.failures.append(what)
            print('FAIL: ' + what)

    def timeline(self, args):
        p = subprocess.run([self.tool] + args, capture_output=True, env=ENV,
                           timeout=120)
        assert p.returncode == 0, (args, p.stderr)
        return p.stdout

    def browser(self, args, timeout=120, env=None):
        profile = tempfile.mkdtemp(dir=self.tmp)
        p = subprocess.run([self.chromium] + FLAGS +
                           ['--user-data-dir=' + profile] + args,
                           capture_output=True, timeout=timeout, env=env)
        return p.stdout.decode('utf-8', 'replace')

    def dump(self, path, scripts=True, env=None):
        args = ['--dump-dom']
        if not scripts:
            args.insert(0, '--blink-settings=scriptEnabled=false')
        return self.browser(args + ['file://' + path], env=env)


class Devtools:
    """Chromium driven through its DevTools protocol on a pipe (fds 3 and
    4, messages ending in NUL): reads the DOM and the boxes of elements
    where --dump-dom cannot, with scripts off; runs scripts in the page,
    navigates back and forth, and sets the viewport and the media type."""

    def __init__(self, test, args):
        self.to_child, self.child_in = None, None
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()
        # Out of the way of 3 and 4 before the child puts them there.
        high_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
        os.close(cmd_r)
        os.close(res_w)

        def fds():
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
        profile = tempfile.mkdtemp(dir=test.tmp)
        self.proc = subprocess.Popen(
            [test.chromium] + FLAGS + ['--user-data-dir=' + profile,
                                       '--remote-debugging-pipe'] + args,
            close_fds=False, preexec_fn=fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(high_r)
        os.close(high_w)
        self.w = os.fdopen(cmd_w, 'wb')
        self.r = os.fdopen(res_r, 'rb')
        self.next_id = 0
        self.buf = b''
        self.session = None
        self.events = []

    def read(self):
        while b'\0' not in self.buf:
            data = self.r.read1(65536)
            if not data:
                raise EOFError('chromium closed its pipe')
            self.buf += data
        msg, self.buf = self.buf.split(b'\0', 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        msg = {'id': self.next_id, 'method': method, 'params': params or {}}
        if session and self.session:
            msg['sessionId'] = self.session
        self.w.write(json.dumps(msg).encode() + b'\0')
        self.w.flush()
        while True:
            reply = self.read()
            if reply.get('id') == self.next_id:
                return reply
            if 'method' in reply:
                self.events.append(reply['method'])

    def wait(self, event):
        while event not in self.events:
            self.events.append(self.read().get('method'))
        self.events = []

    def open(self, url, width=None, height=None, mobile=False):
        """Opens url in a new tab, at width x height CSS pixels when
        given (mobile: as a phone does, the viewport from the page's
        meta element)."""
        target = self.call('Target.createTarget', {'url': 'about:blank'},
                           False)['result']['targetId']
        self.session = self.call('Target.attachToTarget',
                                 {'targetId': target, 'flatten': True},
                                 False)['result']['sessionId']
        self.call('Page.enable')
        if width is not None:
            self.call('Emulation.setDeviceMetricsOverride', {
                'width': width, 'height': height, 'deviceScaleFactor': 1,
                'mobile': mobile})
        self.events = []
        self.call('Page.navigate', {'url': url})
        self.wait('Page.loadEventFired')
        return self.call('DOM.getDocument', {'depth': 1})['result']['root']

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page, a promise
        awaited."""
        reply = self.call('Runtime.evaluate', {
            'expression': expression, 'returnByValue': True,
            'awaitPromise': True})['result']
        if 'exceptionDetails' in reply:
            raise RuntimeError('%s: %s' % (expression[:60],
                                           reply['exceptionDetails']))
        return reply['result'].get('value')

    def close(self):
        try:
            self.call('Browser.close', session=False)
        except (EOFError, BrokenPipeError):
            pass
        self.proc.wait(timeout=30)


def inputs(tmp):
    """(name, path, today) of every picture measured."""
    out = [(e[:-5] if e.endswith('.yaml') else e, os.path.join(PICTURES, e),
            TODAY) for e in sorted(os.listdir(PICTURES))
           if e.endswith('.yaml') or os.path.isdir(os.path.join(PICTURES, e))]
    out.append(('rust-for-linux', os.path.join(ROOT, 'timeline'), TODAY))
    # Today a few days after a tick, where the tick's label stands.
    near = os.path.join(tmp, 'near-tick.yaml')
    with open(near, 'w') as f:
        f.write('timeline: near\nmilestones:\n'
                '  - {id: a, title: Begins, date: 2023-03-01}\n'
                '  - {id: b, title: Ends, date: 2029-10-01}\n')
    out.append(('near-tick', near, '2026-01-20'))
    many = os.path.join(tmp, 'many.yaml')
    with open(many, 'w') as f:
        f.write('timeline: many\ntitle: A lane too full to label\n'
                'milestones:\n')
        for i in range(2000):
            f.write('  - {id: m%d, title: Milestone %d, date: %04d-%02d-%02d'
                    '}\n' % (i, i, 2024 + i % 4, 1 + i % 12, 1 + i % 28))
    out.append(('many', many, TODAY))
    return out


def overlap(a, b, slack=0.5):
    return (a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2] and
            a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3])


MONTHS = ('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec').split()


def check_upper_tier(test, c):
    """Every tick where the coarser unit changes (a month over ticks of
    days, a year over ticks of months) has that unit's label, starting
    after the tick before it: the label is never left off at the edge, so
    that the tick would read as part of the unit before.  Ticks of days
    (one, seven or fourteen) are evenly spaced: weeks start on Mondays."""
    ticks = c['ticks']
    dates = [datetime.date.fromordinal(t['day'] + 1) for t in ticks]
    if all(d.day == 1 and d.month == 1 for d in dates):
        return  # ticks of years: one tier
    by_month = all(d.day == 1 for d in dates)
    if not by_month:
        steps = {b['day'] - a['day'] for a, b in zip(ticks, ticks[1:])}
        test.check(len(steps) <= 1 and (steps <= {1} or all(
            d.weekday() == 0 for d in dates)), '%s: ticks of days %s apart'
            ', on %r' % (c['name'], sorted(steps), sorted(
                {d.strftime('%a') for d in dates})))
    for i, (t, d) in enumerate(zip(ticks, dates)):
        before = dates[i - 1] if i > 0 else None
        if by_month and (d.month == 1 if before is None else
                         d.year != before.year):
            want = str(d.year)
        elif not by_month and (d.day == 1 if before is None else
                               d.month != before.month):
            want = '%s %d' % (MONTHS[d.month - 1], d.year)
        else:
            continue
        x = t['b'][0]
        after = ticks[i - 1]['b'][0] if i > 0 else -1e9
        found = [u['b'] for u in c['upper'] if u['s'] == want]
        test.check(any(after < b[0] <= x + 4 for b in found),
                   '%s: the tick of %s (x %.1f) has no label %r of its own '
                   '(%r)' % (c['name'], d, x, want, found))


# The connectors that may run through a text (under its rim), by
# picture: there, no way of lines across and upright is free of the
# labels and of the other connectors' ways (the ends of life of the
# release trains hang on releases whose rows' gaps the ways of the point
# releases take).  Every other picture has none.
THROUGH = {'trains-1200': 3, 'trains-2400': 4, 'relative-2400': 1,
           'two-lanes-480': 1}


def check_links(test, c, key):
    """A connector runs through no text (a label, a lane's heading),
    read at every pixel of its length: one of lines across and upright
    never; curves no more often than THROUGH says."""
    through = []
    for link in c['links']:
        pts = link['pts']
        xs = [q[0] for q in pts]
        ys = [q[1] for q in pts]
        span = (min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)
        for t in c['texts']:
            x, y, w, h = t['b']
            if not overlap(span, t['b']):
                continue
            inside = [q for q in pts if x + 0.5 < q[0] < x + w - 0.5 and
                      y + 0.5 < q[1] < y + h - 0.5]
            if inside:
                through.append((link['curve'], pts[0], pts[-1],
                                t['s'][:40], inside[0]))
    for curve, a, b, s, at in through:
        test.check(curve, '%s: the connector from %r to %r runs through '
                   '%r at %r' % (c['name'], a, b, s, at))
    curves = {(a[0], a[1], b[0], b[1]) for _, a, b, _, _ in through}
    test.check(len(curves) <= THROUGH.get(key, 0), '%s: %d connectors run '
               'through texts, at most %d may: %r' % (
                   c['name'], len(curves), THROUGH.get(key, 0),
                   [(a, b, s) for _, a, b, s, _ in through][:3]))


def check_picture(test, c, key, ms, iso_today):
    name, w, h = c['name'], c['w'], c['h']
    texts = sorted(c['texts'], key=lambda t: t['b'][0])
    for t in texts:
        x, y, bw, bh = t['b']
        test.check(x >= -0.5 and y >= -0.5 and x + bw <= w + 0.5 and
                   y + bh <= h + 0.5, '%s: %r leaves the picture (%r in '
                   '%gx%g)' % (name, t['s'][:40], t['b'], w, h))
    # Sorted by left edge, each text meets only those starting before its
    # right edge.
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if b['b'][0] >= a['b'][0] + a['b'][2]:
                break
            test.check(not overlap(a['b'], b['b']),
                       '%s: %r and %r overlap (%r, %r)' %
                       (name, a['s'][:40], b['s'][:40], a['b'], b['b']))
    # The axis: x = x0 + k * day, fitted through the ticks.
    ticks = c['ticks']
    test.check(len(ticks) >= 2, '%s: %d ticks' % (name, len(ticks)))
    if len(ticks) < 2:
        return
    d0, x0 = ticks[0]['day'], ticks[0]['b'][0]
    d1, x1 = ticks[-1]['day'], ticks[-1]['b'][0]
    k = (x1 - x0) / (d1 - d0)

    def x_of(day):
        return x0 + (day - d0) * k
    for t in ticks:
        test.check(abs(t['b'][0] - x_of(t['day'])) <= 1,
                   '%s: tick %d off the axis' % (name, t['day']))
    start = {m['timeline'] + '/' + m['id']: day_number(m['window']['start'])
             for m in ms}
    for m in c['marks']:
        x = m['b'][0] + m['b'][2] / 2
        want = x_of(start[m['id']])
        test.check(abs(x - want) <= 1, '%s: %s at x %.1f, its start maps '
                   'to %.1f' % (name, m['id'], x, want))
    lanes = {}
    for m in c['marks']:
        lanes.setdefault(m['lane'], []).append(m['id'])
    for lane, ids in lanes.items():
        want = [m['timeline'] + '/' + m['id'] for m in ms
                if m['timeline'] == lane]
        test.check(ids == want, '%s: lane %s out of order' % (name, lane))
    # A label stands on a rim of the background's colour, painted under
    # its letters, so that no line behind it cuts through them.
    for order, stroke, width, bg in c['rims']:
        test.check(order.startswith('stroke') and stroke == bg and
                   width >= 2, '%s: a label has no rim (%r %r %r on %r)' %
                   (name, order, stroke, width, bg))
    # Not a cancelled title: the rim of its line through would hide the
    # letters under it.
    test.check(all(s == 'none' for s in c['struck']),
               '%s: a struck-through title has a rim: %r' %
               (name, c['struck']))
    check_upper_tier(test, c)
    check_links(test, c, key)
    today = day_number(iso_today)
    if c['today'] is not None:
        test.check(abs(c['today'][0] - x_of(today)) <= 1,
                   '%s: today line at %.1f, today maps to %.1f' %
                   (name, c['today'][0], x_of(today)))
        # It starts below the axis' labels, whatever stands at today.
        for t in c['axis']:
            test.check(not overlap(t['b'], c['today']),
                       '%s: the today line crosses the axis label %r' %
                       (name, t['s']))
    else:
        test.check(not (ticks[0]['day'] <= today <= ticks[-1]['day']),
                   '%s: no today line' % name)


def font_setups(tmp):
    """(name, environment) of the fonts the pictures are measured with:
    the system's, then each family of FONTS that is installed, alone."""
    out = [('system fonts', None)]
    for family, folder in FONTS:
        if not os.path.isdir(folder):
            print('%s is not installed: not measured with it' % family)
            continue
        # The family's own files only: the folder holds others (Noto
        # Sans Mono, DejaVu Serif), and a browser may take one of them
        # for system-ui (Debian 13's Chromium took Noto Mono).
        stem = family.replace(' ', '')
        own = os.path.join(tmp, 'fonts-' + stem)
        os.makedirs(own, exist_ok=True)
        for name in os.listdir(folder):
            if name.startswith((stem + '-', stem + '.')):
                os.symlink(os.path.join(folder, name),
                           os.path.join(own, name))
        conf = os.path.join(tmp, family.replace(' ', '-') + '.conf')
        with open(conf, 'w') as f:
            f.write('<?xml version="1.0"?>\n<fontconfig><dir>%s</dir>'
                    '<cachedir>%s</cachedir>' % (own, tmp + '/fc-cache'))
            for generic in ('sans-serif', 'system-ui'):
                f.write('<alias><family>%s</family><prefer><family>%s'
                        '</family></prefer></alias>' % (generic, family))
            f.write('</fontconfig>\n')
        out.append((family, dict(os.environ, FONTCONFIG_FILE=conf)))
    return out


def test_pictures(test):
    """Every picture, measured once with each font setup."""
    setups = font_setups(test.tmp)
    cases = inputs(test.tmp)
    body = []
    expected = {}
    for name, path, today in cases:
        ms = json.loads(test.timeline(['export', '--format', 'json',
                                       '--today', today, path]))['milestones']
        for width in WIDTHS:
            svg = test.timeline(['export', '--format', 'svg', '--today',
                                 today, '--width', str(width), path])
            svg = svg.decode().split('?>', 1)[1]
            key = '%s-%d' % (name, width)
            expected[key] = (ms, today)
            body.append('<div class="case" id="%s">%s</div>' % (key, svg))
    page = os.path.join(test.tmp, 'pictures.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8">'
                '<style>body{margin:0}div.case{display:block;margin:0 0 '
                '8px}svg{display:block}</style></head><body>%s%s</body>'
                '</html>' % (''.join(body), MEASURE))
    for font, env in setups:
        dom = test.dump(page, env=env)
        m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
        test.check(m is not None, 'pictures: no result from the browser '
                   'with %s' % font)
        if m is None:
            continue
        found = json.loads(html.unescape(m.group(1)))
        test.check(len(found) == len(expected), 'pictures: %d of %d '
                   'measured with %s' % (len(found), len(expected), font))
        for c in found:
            key = c['name']
            c['name'] = '%s (%s)' % (key, font)
            check_picture(test, c, key, *expected[key])
            test.check(len(c['marks']) == len(expected[key][0]),
                       '%s: %d marks' % (c['name'], len(c['marks'])))
        print('%d pictures measured with %s' % (len(found), font))


def png_pixels(path):
    """(width, height, set of colours, pixels unlike the first)."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', chunk[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours, pixels = set(), []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for i in range(0, stride, bpp):
            px = bytes(line[i:i + 3])
            colours.add(px)
            pixels.append(px)
        prev = line
    first = pixels[0]
    return w, h, colours, sum(1 for p in pixels if p != first)


def test_screenshot(test):
    svg = os.path.join(test.tmp, 'own.svg')
    with open(svg, 'wb') as f:
        f.write(test.timeline(['export', '--format', 'svg', '--today', TODAY,
                               os.path.join(ROOT, 'timeline')]))
    height = re.search(rb'height="(\d+)"', open(svg, 'rb').read()).group(1)
    png = os.path.join(test.tmp, 'own.png')
    test.browser(['--screenshot=' + png, '--window-size=1200,%d' %
                  int(height), 'file://' + svg])
    test.check(os.path.exists(png), 'screenshot: no PNG')
    if not os.path.exists(png):
        return
    w, h, colours, ink = png_pixels(png)
    test.check(w == 1200, 'screenshot: %d px wide' % w)
    test.check(len(colours) >= 16, 'screenshot: %d colours' % len(colours))
    test.check(ink > w * h // 50, 'screenshot: %d of %d pixels drawn' %
               (ink, w * h))
    print('screenshot: %dx%d, %d colours, %d pixels drawn' %
          (w, h, len(colours), ink))


# The glyphs of texts, each character's box from a Range over it, in the
# order of the text: [character, left, right, class of its parent, top].
GLYPHS = r'''
<script>
(function () {
	function chars(e) {
		var w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), n, i;
		var out = [], r = document.createRange(), b;
		while ((n = w.nextNode()) !== null)
			for (i = 0; i < n.data.length; i++) {
				r.setStart(n, i);
				r.setEnd(n, i + 1);
				b = r.getBoundingClientRect();
				out.push([n.data[i], b.left, b.right,
				    n.parentNode.getAttribute("class"), b.top]);
			}
		return out;
	}
	var out = {top: [], heads: [], labels: [], h1: [], cells: []};
	document.querySelectorAll("svg").forEach(function (svg) {
		out.top.push(chars(svg.querySelector(":scope > text.hd")));
		svg.querySelectorAll("g.lane > text.hd").forEach(function (t) {
			out.heads.push(chars(t));
		});
		svg.querySelectorAll("text.lb").forEach(function (t) {
			out.labels.push(chars(t));
		});
	});
	document.querySelectorAll("h1").forEach(function (h) {
		out.h1.push(chars(h));
	});
	document.querySelectorAll("tbody td:nth-child(3), " +
	    "tbody td:nth-child(4)").forEach(function (td) {
		out.cells.push(chars(td));
	});
	var pre = document.createElement("pre");
	pre.id = "glyphs";
	pre.textContent = JSON.stringify(out);
	document.body.appendChild(pre);
}());
</script>
'''


def direction(ch):
    b = unicodedata.bidirectional(ch)
    return 'rtl' if b in ('R', 'AL') else 'ltr' if b == 'L' else None


def visible(chars):
    return [c for c in chars if not c[0].isspace() and c[2] > c[1] and
            unicodedata.category(c[0]) != 'Cf']


def text_of(chars):
    return ''.join(c[0] for c in chars)


def check_apart(test, what, left, right):
    """Every glyph of left stands left of every glyph of right on the same
    line."""
    for line in set(round(c[4]) for c in visible(left)):
        a = [c for c in visible(left) if round(c[4]) == line]
        b = [c for c in visible(right) if round(c[4]) == line]
        if b:
            test.check(max(c[2] for c in a) <= min(c[1] for c in b) + 0.5,
                       '%s: %r is not left of %r' % (what, text_of(left),
                                                     text_of(right)))


def check_reads(test, what, chars):
    """One data text reads in its own direction, that of its first strong
    character: its first and last strong characters in that order (on one
    line), and a cut text's "…" at its end."""
    g = visible(chars)
    strong = [(c, direction(c[0])) for c in g if direction(c[0])]
    if not strong:
        return
    d = strong[0][1]
    first, last = strong[0][0], strong[-1][0]
    test.check(first is last or abs(first[4] - last[4]) > 1 or
               (first[1] < last[1]) == (d == 'ltr'),
               '%s: %r does not read %s' % (what, text_of(chars), d))
    if len(g) > 1 and g[-1][0] == '\u2026':
        e, rest = g[-1], g[:-1]
        test.check(e[1] >= max(c[2] for c in rest) - 0.5 if d == 'ltr' else
                   e[2] <= min(c[1] for c in rest) + 0.5,
                   '%s: the "\u2026" of %r is not at its %s end' %
                   (what, text_of(chars), 'right' if d == 'ltr' else 'left'))


def check_joined(test, what, chars, titles):
    """A list of titles joined by ", ": each reads in its own direction,
    and they stand left to right in the list's order."""
    chars = [c for c in chars if unicodedata.category(c[0]) != 'Cf']
    parts, at = [], 0
    for t in titles:
        n = len(t) if text_of(chars).startswith(t, at) else len(chars) - at
        parts.append(chars[at:at + n])
        at += n
        if at < len(chars):
            parts.append(chars[at:at + 2])  # the ", " between
            at += 2
    for k, part in enumerate(parts):
        if k % 2 == 0:
            check_reads(test, what, part)
        if k > 0:
            check_apart(test, what, parts[k - 1], part)


def test_bidi(test):
    """Right-to-left titles in the picture and the page: each title is
    isolated from the tool's own text around it (the lane heading's count,
    the label's date, the ", " between titles) and reads in its own
    direction, its "…" at its end when cut."""
    files = [os.path.join(PICTURES, n) for n in ('rtl.yaml', 'rtl-long.yaml')]
    runs = [[f] for f in files] + [files]
    body = []
    for paths in runs:
        for width in (480, 1200):
            svg = test.timeline(['export', '--format', 'svg', '--today', TODAY,
                                 '--width', str(width)] + paths)
            body.append(svg.decode().split('?>', 1)[1])
    page = os.path.join(test.tmp, 'bidi.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                '<body>%s%s</body></html>' % (''.join(body), GLYPHS))
    pages = [page]
    text = test.timeline(['export', '--format', 'html', '--today', TODAY] +
                         files).decode()
    page = os.path.join(test.tmp, 'bidi-page.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(with_script(text, GLYPHS.split('<script>', 1)[1].rsplit(
            '</script>', 1)[0].strip('\n')))
    pages.append(page)
    titles = {}
    for path in files:
        doc = json.loads(test.timeline(['export', '--format', 'json',
                                        path]))
        titles[path] = doc['timelines'][0]['title']
    joined = [titles[f] for f in files]
    for page in pages:
        dom = test.browser(['--window-size=1600,1000', '--dump-dom',
                            'file://' + page])
        m = re.search(r'<pre id="glyphs">(.*?)</pre>', dom, re.S)
        test.check(m is not None, 'bidi: no result from the browser')
        if m is None:
            continue
        found = json.loads(html.unescape(m.group(1)))
        for chars in found['top'] + found['h1']:
            names = [t for t in joined if text_of(chars).find(t[:8]) >= 0]
            # The count of titles left out ("and 2 more") stands after
            # them, at the right in the picture's left-to-right line.
            more = re.search(r' and \d+ more$', text_of(chars))
            if more:
                count = chars[more.start():]
                chars = chars[:more.start()]
                check_apart(test, 'title line', chars, count)
            check_joined(test, 'title line', chars, names)
        for chars in found['heads']:
            data = [c for c in chars if c[3] == 'hd']
            check_reads(test, 'lane heading', data)
            check_apart(test, 'lane heading', data,
                        [c for c in chars if c[3] == 'mu'])
        for chars in found['labels']:
            title = [c for c in chars if c[3] in (None, 'cx')]
            check_reads(test, 'label', title)
            check_apart(test, 'label', [c for c in chars if c[3] == 'dt'],
                        title)
        for chars in found['cells']:
            check_reads(test, 'table cell', chars)


def rows_of(dom):
    """(id, hidden) of every row of the table, in the order shown."""
    body = re.search(r'<tbody>(.*)</tbody>', dom, re.S).group(1)
    return [(m.group(2), 'hidden' in m.group(1))
            for m in re.finditer(r'<tr([^>]*?data-id="([^"]*)"[^>]*)>',
                                 body)]


def test_page(test):
    text = test.timeline(['export', '--format', 'html', '--today', TODAY,
                          os.path.join(ROOT, 'timeline')]).decode()
    ms = json.loads(test.timeline(['export', '--format', 'json', '--today',
                                   TODAY, os.path.join(ROOT, 'timeline')]))
    ms = ms['milestones']
    ids = [m['timeline'] + '/' + m['id'] for m in ms]

    # Scripts off: every row, in order, drawn with a box, and no dead
    # controls.  (--dump-dom reads the page with a script, so it returns
    # nothing when scripts are off; the DevTools protocol does not.)
    page = os.path.join(test.tmp, 'page.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(text)
    dt = Devtools(test, ['--blink-settings=scriptEnabled=false'])
    try:
        root = dt.open('file://' + page)
        dom = dt.call('DOM.getOuterHTML', {'nodeId': root['nodeId']}
                      )['result']['outerHTML']
        nodes = dt.call('DOM.querySelectorAll', {
            'nodeId': root['nodeId'], 'selector': 'tbody tr'})['result']
        drawn = [('result' in dt.call('DOM.getBoxModel', {'nodeId': n}))
                 for n in nodes['nodeIds']]
        controls = dt.call('DOM.querySelector', {
            'nodeId': root['nodeId'], 'selector': '#tl-controls'})['result']
        controls_box = 'result' in dt.call('DOM.getBoxModel', {
            'nodeId': controls['nodeId']})
    finally:
        dt.close()
    rows = rows_of(dom)
    test.check([r[0] for r in rows] == ids and not any(r[1] for r in rows),
               'page without scripts: rows %r' % rows)
    test.check(len(drawn) == len(ids) and all(drawn),
               'page without scripts: rows drawn %r' % drawn)
    test.check(re.search(r'id="tl-controls" hidden', dom) is not None and
               not controls_box, 'page without scripts: the filter is shown')
    test.check('tl-n">0' not in dom and ' shown<' not in dom,
               'page without scripts: the script ran')

    # Scripts on: type "android" into the filter.
    typed = with_script(text, 'var q = document.getElementById("tl-q");\n'
                        'q.value = "android";\n'
                        'q.dispatchEvent(new Event("input"));')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(typed)
    dom = test.dump(page)
    rows = rows_of(dom)
    want = [m['timeline'] + '/' + m['id'] for m in ms
            if 'android' in (m['title'] + ' '.join(m.get('tags', []))
                             ).lower()]
    shown = [r[0] for r in rows if not r[1]]
    test.check(len(rows) == len(ids), 'page: %d rows' % len(rows))
    test.check(shown == want and 0 < len(shown) < len(ids),
               'page filtered by "android": %r, want %r' % (shown, want))
    test.check(re.search(r'id="tl-controls" hidden', dom) is None,
               'page with scripts: the filter is hidden')
    test.check('%d of %d shown' % (len(want), len(ids)) in dom,
               'page: no count of the rows shown')

    # Filter by status, then sort by title.
    sorted_page = with_script(text, 'var s = document.getElementById('
                              '"tl-status");\ns.value = "done";\n'
                              's.dispatchEvent(new Event("change"));\n'
                              'document.querySelectorAll("th button")[2]'
                              '.click();')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(sorted_page)
    dom = test.dump(page)
    rows = rows_of(dom)
    title = {m['timeline'] + '/' + m['id']: m['title'] for m in ms}
    status = {m['timeline'] + '/' + m['id']: m['status'] for m in ms}
    def natural(i):
        """A title as the page orders it: numbers by their value
        ("Release 2" before "Release 10")."""
        return [int(part) if part.isdigit() else part
                for part in re.split(r'(\d+)', title[i].lower())]
    test.check([r[0] for r in rows] == sorted(ids, key=natural),
               'page: not sorted by title: %r' % [r[0] for r in rows])
    test.check(all(r[1] == (status[r[0]] != 'done') for r in rows),
               'page filtered by status done: %r' % rows)


def with_script(text, script):
    """The page text with a script of the test's run last, allowed by its
    hash in the page's Content-Security-Policy, as the page allows its own
    (the policy runs no other)."""
    body = '\n%s\n' % script
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest())
    text = text.replace("script-src ", "script-src 'sha256-%s' " %
                        digest.decode(), 1)
    return text.replace('</body>', '<script>%s</script>\n</body>' % body)


def page_after(test, name, data, script):
    """The DOM of the page exported from the timeline file data (written
    as NAME.yaml) once script has run in it."""
    path = os.path.join(test.tmp, name + '.yaml')
    with open(path, 'w') as f:
        f.write(data)
    text = test.timeline(['export', '--format', 'html', '--today', TODAY,
                          path]).decode()
    page = os.path.join(test.tmp, name + '.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(with_script(text, script))
    return test.dump(page)


def test_numeric_sort(test):
    """Sorting by title reads the numbers in titles by their value."""
    dom = page_after(test, 'releases', 'timeline: rel\nmilestones:\n'
                     '  - {id: r10, title: Release 10.0, date: 2026-01-01}\n'
                     '  - {id: r2, title: Release 2.0, date: 2026-02-01}\n'
                     '  - {id: r9, title: Release 9, date: 2026-03-01}\n',
                     'document.querySelectorAll("th button")[2].click();')
    order = [r[0] for r in rows_of(dom)]
    test.check(order == ['rel/r2', 'rel/r9', 'rel/r10'],
               'page: titles not sorted by their numbers: %r' % order)


def test_iso_filter(test):
    """The filter finds a milestone by its window's first or last day
    written as an ISO day, or by the start of one (a month)."""
    for query, want in (('2026-09-14', ['days/day']),
                        ('2026-09', ['days/day', 'days/month']),
                        ('2026-12-31', ['days/q4']),
                        ('2026-10', ['days/q4'])):
        dom = page_after(test, 'days', 'timeline: days\nmilestones:\n'
                         '  - {id: day, title: A day, date: 2026-09-14}\n'
                         '  - {id: month, title: A month, date: 2026-09}\n'
                         '  - {id: q4, title: A quarter, date: 2026-Q4}\n',
                         'var q = document.getElementById("tl-q");\n'
                         'q.value = %s;\nq.dispatchEvent(new Event("input"));'
                         % json.dumps(query))
        shown = sorted(r[0] for r in rows_of(dom) if not r[1])
        test.check(shown == want, 'page filtered by %r: %r, want %r' %
                   (query, shown, want))


def test_long_page(test):
    """In a table of more than 2000 rows, typing filters too, once the
    typist pauses (a quarter of a second)."""
    path = os.path.join(test.tmp, 'long.yaml')
    with open(path, 'w') as f:
        f.write('timeline: long\nmilestones:\n')
        for i in range(2500):
            f.write('  - {id: m%d, title: Step %d, date: %04d-%02d-01}\n' %
                    (i, i, 2020 + i % 10, 1 + i % 12))
    text = test.timeline(['export', '--format', 'html', '--today', TODAY,
                          path]).decode()
    page = os.path.join(test.tmp, 'long.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(with_script(text, 'var q = document.getElementById('
                            '"tl-q");\nq.value = "step 17";\n'
                            'q.dispatchEvent(new Event("input"));'))
    dom = test.browser(['--virtual-time-budget=5000', '--dump-dom',
                        'file://' + page])
    rows = rows_of(dom)
    want = ['long/m%d' % i for i in range(2500)
            if ('step %d' % i).startswith('step 17')]
    shown = sorted((r[0] for r in rows if not r[1]),
                   key=lambda r: int(r.split('m')[-1]))
    test.check(len(rows) == 2500 and shown == want,
               'long page filtered by "step 17": %d of %d rows shown, want '
               '%d' % (len(shown), len(rows), len(want)))


# The rows a reader sees, by data-id, in order; and the count line.
SHOWN = ('[Array.prototype.filter.call(document.querySelectorAll("tbody tr"),'
         ' function (r) { return r.getClientRects().length > 0; })'
         '.map(function (r) { return r.getAttribute("data-id"); }),'
         ' document.getElementById("tl-n").textContent]')


def typed(dt, text):
    """Types text into the filter, as a reader would (one input event)."""
    return dt.evaluate('var q = document.getElementById("tl-q"); q.value = '
                       '%s; q.dispatchEvent(new Event("input")); %s' %
                       (json.dumps(text), SHOWN))


STATUSES = ('planned', 'done', 'at-risk', 'slipped', 'cancelled')


def check_sorting(test, dt, ms):
    """Each column's button sorts up, then down, ties in the page's
    order; dates by their window's start, then its end."""
    typed(dt, '')
    ids = [m['timeline'] + '/' + m['id'] for m in ms]
    keys = {0: [(m['window']['start'], m['window']['end']) for m in ms],
            1: [STATUSES.index(m['status']) for m in ms],
            2: [m['title'].lower() for m in ms]}
    for col, key in keys.items():
        for d in (1, -1):
            rows = dt.evaluate('document.querySelectorAll("th button")[%d]'
                               '.click(); %s' % (col, SHOWN))[0]
            if col == 2:  # by the browser's collation: near enough
                got = [key[ids.index(r)] for r in rows]
                ok = got == sorted(got, reverse=d < 0)
            else:  # a stable sort, reversed or not, keeps ties in order
                ok = rows == [ids[i] for i in sorted(
                    range(len(ids)), key=lambda i: key[i], reverse=d < 0)]
            test.check(ok, 'sorted by column %d %s: %r' % (
                col, 'up' if d > 0 else 'down', rows))


def check_back(test, page, args, how):
    """Filtered by status, the page is left for another and come back to
    with the Back button: the filters and the rows agree, whatever the
    browser restored (how: which way it came back)."""
    other = os.path.join(test.tmp, 'other.html')
    with open(other, 'w') as f:
        f.write('<!DOCTYPE html><title>other</title><p>other</p>')
    dt = Devtools(test, args)
    try:
        dt.open('file://' + page, 1280, 800)
        dt.evaluate('var s = document.getElementById("tl-status"); '
                    's.value = "done"; s.dispatchEvent(new Event("change"))')
        dt.call('Page.navigate', {'url': 'file://' + other})
        dt.wait('Page.loadEventFired')
        history = dt.call('Page.getNavigationHistory')['result']
        dt.call('Page.navigateToHistoryEntry', {'entryId': history[
            'entries'][history['currentIndex'] - 1]['id']})
        for _ in range(200):
            if dt.evaluate('document.readyState === "complete" && '
                           'document.getElementById("tl-status") !== null'):
                break
            time.sleep(0.05)
        time.sleep(0.5)  # what the browser may still do after the load
        status, (rows, count) = dt.evaluate(
            '[document.getElementById("tl-status").value, %s]' % SHOWN)
        want = dt.evaluate('Array.prototype.map.call(document.querySelectorAll'
                           '("tbody tr"), function (r) { return %s ? '
                           'r.getAttribute("data-id") : null; })' %
                           ('true' if status == '' else
                            'r.getAttribute("data-status") === %s' %
                            json.dumps(status)))
        want = [w for w in want if w is not None]
        total = dt.evaluate('document.querySelectorAll("tbody tr").length')
        print('back (%s): the status filter says %r, %s' % (how, status,
                                                           count))
        test.check(rows == want and count == '%d of %d shown' %
                   (len(want), total), 'back (%s): the status filter says '
                   '%r, the table shows %r (%s)' % (how, status, rows, count))
    finally:
        dt.close()


# Where things stand on the page: the viewport's width, how wide the
# page is, the picture's box, its milestones' marks (left, right), each
# cell that is shown (left, right, whether its text overflows it), the
# elements that scroll, and the controls that are shown.
LAYOUT = r'''(function () {
	function shown(e) { return e !== null && e.getClientRects().length > 0; }
	var svg = document.querySelector("figure svg"), fig = svg.parentNode;
	var s = svg.getBoundingClientRect(), out = {
	    width: innerWidth, page: document.documentElement.scrollWidth,
	    svg: [s.left, s.right, svg.width.baseVal.value],
	    figure: [fig.scrollLeft, fig.clientWidth, fig.scrollWidth],
	    marks: [], cells: [], scrolls: [], controls: [], lanes: []};
	svg.querySelectorAll("g[data-id] .m").forEach(function (m) {
		var b = m.getBoundingClientRect();
		out.marks.push([b.left, b.right]);
	});
	document.querySelectorAll("th, td").forEach(function (c) {
		var b = c.getBoundingClientRect();
		if (shown(c))
			out.cells.push([b.left, b.right,
			    c.scrollWidth > c.clientWidth + 1, c.textContent]);
	});
	/* Where a timeline's title starts in its cell ([x, y] from the
	 * cell's corner): after the cell's label, on a phone, whatever the
	 * title's direction. */
	document.querySelectorAll("tbody td:nth-child(4)").forEach(
	    function (c) {
		var t = c.querySelector("bdi"), b = c.getBoundingClientRect();
		if (shown(c))
			out.lanes.push(t === null ? null :
			    [t.getClientRects()[0].left - b.left,
			    t.getClientRects()[0].top - b.top]);
	});
	document.querySelectorAll("body, body *").forEach(function (e) {
		var o = getComputedStyle(e).overflowX;
		if (!(e instanceof SVGElement) && (o === "auto" || o === "scroll"))
			out.scrolls.push(e.tagName + "." + e.className);
	});
	document.querySelectorAll("input, select, #tl-full").forEach(
	    function (e) {
		if (shown(e))
			out.controls.push(e.id);
	});
	return out;
}())'''


def check_fits(test, what, at):
    """Nothing sticks out of the viewport and no cell cuts its text."""
    w = at['width']
    test.check(at['page'] <= w, '%s: the page is %d px wide in %d' %
               (what, at['page'], w))
    bad = [c[3][:30] for c in at['cells']
           if c[0] < -0.5 or c[1] > w + 0.5 or c[2]]
    test.check(bad == [], '%s: cells out of the viewport or cut: %r' %
               (what, bad[:5]))


def write_export(test, path, name):
    """Exports path as of TODAY into the file name in the test's
    directory, in the format its extension names; returns its path."""
    out = os.path.join(test.tmp, name)
    with open(out, 'wb') as f:
        f.write(test.timeline(['export', '--format',
                               os.path.splitext(name)[1][1:], '--today',
                               TODAY, path]))
    return out


def check_phone(test, path):
    """On a phone, the page fits the screen: the picture scaled to its
    width with every milestone in view, the table's cells wrapped inside
    it; a button shows the picture full size, scrolling sideways, its
    first milestone in view."""
    name = os.path.basename(path)
    page = write_export(test, path, 'phone.html')
    dt = Devtools(test, [])
    try:
        dt.open('file://' + page, 375, 667, mobile=True)
        at = dt.evaluate(LAYOUT)
        what = 'phone, %s' % name
        check_fits(test, what, at)
        test.check(at['svg'][0] >= -0.5 and at['svg'][1] <= at['width'] + 0.5,
                   '%s: the picture is at %r' % (what, at['svg']))
        test.check(all(0 <= m[0] and m[1] <= at['width']
                       for m in at['marks']),
                   '%s: marks out of view: %r' % (what, at['marks']))
        test.check(at['scrolls'] == [], '%s: scroll boxes %r' %
                   (what, at['scrolls']))
        # After the label on its line, or on a line below it.
        test.check(at['lanes'] != [] and all(
            x is not None and (x[0] > 20 or x[1] > 8) for x in at['lanes']),
            '%s: a timeline\'s title does not follow its label: %r' %
            (what, at['lanes']))
        test.check('tl-full' in at['controls'], '%s: no button to see the '
                   'picture full size' % what)
        if 'tl-full' not in at['controls']:
            return
        # Empty cells stay cells (of no height), so that a screen reader
        # finds each value under its column's heading.
        test.check(dt.evaluate(
            'Array.prototype.every.call(document.querySelectorAll('
            '"tbody tr"), function (r) { return r.cells.length === 6 && '
            'Array.prototype.every.call(r.cells, function (c) { '
            'return c.getClientRects().length > 0; }); })'),
            '%s: a row has a cell left out of the layout' % what)
        at = dt.evaluate('document.getElementById("tl-full").click(); ' +
                         LAYOUT)
        first = min(m[0] for m in at['marks'])
        test.check(at['svg'][1] - at['svg'][0] == at['svg'][2] and
                   at['figure'][2] > at['figure'][1] and
                   0 <= first and first + 10 <= at['width'],
                   '%s, full size: picture %r in a box %r, first mark at '
                   '%.1f' % (what, at['svg'], at['figure'], first))
        # The picture's left edge (its title, the lane headings) stays in
        # view unless the first milestone lies beyond the box.
        mark_x = first - at['svg'][0]
        test.check(at['figure'][0] == 0 or mark_x + 24 > at['figure'][1],
                   '%s, full size: scrolled by %r though the first mark, '
                   'at %.1f, is in the box' % (what, at['figure'][0],
                                               mark_x))
        at = dt.evaluate('document.getElementById("tl-full").click(); ' +
                         LAYOUT)
        test.check(at['svg'][1] <= at['width'] + 0.5,
                   '%s: the picture does not fit again: %r' %
                   (what, at['svg']))
    finally:
        dt.close()


def check_wide(test, path):
    """A picture drawn wider than the page's column of text (--width 2400)
    is shown at its full size on a screen wide enough for it, with no
    button; on a narrower one it fits the screen."""
    out = os.path.join(test.tmp, 'wide.html')
    with open(out, 'wb') as f:
        f.write(test.timeline(['export', '--format', 'html', '--width',
                               '2400', '--today', TODAY, path]))
    dt = Devtools(test, [])
    try:
        dt.open('file://' + out, 2560, 900)
        at = dt.evaluate(LAYOUT)
        test.check(abs(at['svg'][1] - at['svg'][0] - 2400) < 0.5 and
                   at['svg'][0] >= 0 and at['svg'][1] <= at['width'] and
                   'tl-full' not in at['controls'] and
                   at['page'] <= at['width'],
                   'wide picture at 2560 px: %r, controls %r' %
                   (at['svg'], at['controls']))
        dt.close()
        dt = Devtools(test, [])
        dt.open('file://' + out, 1600, 900)
        at = dt.evaluate(LAYOUT)
        test.check(at['svg'][0] >= 0 and at['svg'][1] <= at['width'] and
                   at['page'] <= at['width'] and 'tl-full' in at['controls'],
                   'wide picture at 1600 px: %r, controls %r' %
                   (at['svg'], at['controls']))
    finally:
        dt.close()


def check_print(test, path):
    """Printed (on a page 718 px wide, A4 with margins), the page holds
    the whole picture, scaled to the page, and the whole table, with no
    scroll box and no controls; even after the picture was shown full
    size on the screen; in dark text on white when the reader's screen is
    dark."""
    page = write_export(test, path, 'print.html')
    dt = Devtools(test, [])
    try:
        dt.open('file://' + page, 718, 1000)
        dt.evaluate('var b = document.getElementById("tl-full"); '
                    'if (b) b.click()')
        dt.call('Emulation.setEmulatedMedia', {'media': 'print', 'features': [
            {'name': 'prefers-color-scheme', 'value': 'dark'}]})
        at = dt.evaluate(LAYOUT)
        what = 'print, %s' % os.path.basename(path)
        check_fits(test, what, at)
        test.check(at['svg'][0] >= -0.5 and at['svg'][1] <= at['width'] + 0.5
                   and at['figure'][2] <= at['figure'][1],
                   '%s: the picture is at %r in a box %r' %
                   (what, at['svg'], at['figure']))
        test.check(at['scrolls'] == [], '%s: scroll boxes %r' %
                   (what, at['scrolls']))
        test.check(at['controls'] == [], '%s: controls shown %r' %
                   (what, at['controls']))
        colours = dt.evaluate('[getComputedStyle(document.body).color, '
                              'getComputedStyle(document.querySelector('
                              '"svg .bg")).fill]')
        test.check(colours == ['rgb(31, 35, 40)', 'rgb(255, 255, 255)'],
                   '%s: printed in %r on %r' % (what, colours[0], colours[1]))
    finally:
        dt.close()


def test_page_in_use(test):
    """The page as a reader uses it: the text filter matches within a
    cell, never across two; sorting; the Back button; on a phone; on
    paper."""
    text = test.timeline(['export', '--format', 'html', '--today', TODAY,
                          os.path.join(ROOT, 'timeline')]).decode()
    doc = json.loads(test.timeline(['export', '--format', 'json', '--today',
                                    TODAY, os.path.join(ROOT, 'timeline')]))
    ms = doc['milestones']
    page = os.path.join(test.tmp, 'in-use.html')
    with open(page, 'w', encoding='utf-8') as f:
        f.write(text)
    dt = Devtools(test, [])
    try:
        dt.open('file://' + page, 1280, 800)
        # A status and the title after it, or a title and its timeline,
        # run together: no row has that in one cell.
        done = [m for m in ms if m['status'] == 'done'][0]
        lane = [t.get('title', t['timeline']) for t in doc['timelines']
                if t['timeline'] == done['timeline']][0]
        for q in ('done' + done['title'][:6], done['title'][-4:] + lane[:4]):
            q = q.lower()
            assert not any(q in (m['title'] + ' ' + ' '.join(
                m.get('tags', []))).lower() for m in ms), q
            rows, count = typed(dt, q)
            test.check(rows == [] and count.startswith('0 of'),
                       'filter %r matches across cells: %r' % (q, rows))
        rows, count = typed(dt, done['title'][:6].lower())
        test.check(done['timeline'] + '/' + done['id'] in rows,
                   'filter %r does not find %r' % (done['title'][:6],
                                                   done['title']))
        check_sorting(test, dt, ms)
    finally:
        dt.close()
    # The page is kept whole in the back/forward cache, or loaded again
    # with the controls' values restored.
    check_back(test, page, [], 'as the browser chooses')
    check_back(test, page, ['--disable-features=BackForwardCache'],
               'loaded again')
    for path in (os.path.join(ROOT, 'timeline'),
                 os.path.join(PICTURES, 'single.yaml'),
                 os.path.join(PICTURES, 'rtl-long.yaml'),
                 os.path.join(PICTURES, 'long-words.yaml')):
        check_phone(test, path)
        check_print(test, path)
    check_wide(test, os.path.join(ROOT, 'timeline'))


# WCAG's text spacing (1.4.12): what a reader's style sheet may ask for.
SPACING = ('var s = document.createElement("style"); s.textContent = '
           '"* { line-height: 1.5 !important; letter-spacing: 0.12em '
           '!important; word-spacing: 0.16em !important; } p { '
           'margin-bottom: 2em !important; }"; '
           'document.head.appendChild(s); true')

# Each status cell whose text reaches past its right edge, or over the
# next cell: [row, text, right of the text, right of the cell, left of
# the next cell].
STATUS_CELLS = r'''(function () {
	var out = [];
	document.querySelectorAll("tbody td.st").forEach(function (td) {
		var r = document.createRange(), b, c = td.getBoundingClientRect();
		var next = td.nextElementSibling.getBoundingClientRect();
		r.selectNodeContents(td);
		b = r.getBoundingClientRect();
		if (b.right > c.right + 0.5 || (next.top < b.bottom - 1 &&
		    next.left > c.left && b.right > next.left + 0.5) ||
		    td.scrollWidth > td.clientWidth + 1)
			out.push([td.parentNode.getAttribute("data-id"),
			    td.textContent, b.right, c.right, next.left]);
	});
	return out;
}())'''


def test_status_column(test):
    """At desktop widths, with and without WCAG's text spacing, every
    status ("at-risk overdue" the longest) stays inside its cell."""
    data = os.path.join(test.tmp, 'statuses.yaml')
    with open(data, 'w') as f:
        f.write('timeline: statuses\nmilestones:\n')
        for i, st in enumerate(STATUSES):
            f.write('  - {id: a%d, title: Title %s, date: 2026-0%d-01, '
                    'status: %s}\n' % (i, st, i + 1, st))
    page = write_export(test, data, 'statuses.html')
    dt = Devtools(test, [])
    try:
        for width in (1000, 1280, 1920):
            for spacing in (False, True):
                dt.open('file://' + page, width, 800)
                if spacing:
                    dt.evaluate(SPACING)
                bad = dt.evaluate(STATUS_CELLS)
                n = dt.evaluate('document.querySelectorAll('
                                '"td.st .ov").length')
                what = 'status column at %d px%s' % (
                    width, ' with text spacing' if spacing else '')
                test.check(n >= 2, '%s: %d overdue rows' % (what, n))
                test.check(bad == [], '%s: text out of its cell: %r' %
                           (what, bad))
    finally:
        dt.close()


def luminance(css):
    """The relative luminance (WCAG 2) of a colour: "#rrggbb" or
    "rgb(r, g, b)"."""
    if css.startswith('#'):
        rgb = [int(css[i:i + 2], 16) for i in (1, 3, 5)]
    else:
        rgb = [int(float(v)) for v in re.findall(r'[\d.]+', css)[:3]]
    lin = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4
           for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_page_semantics(test):
    """The page's landmarks and names: its content in <main>, a document
    title without isolates, the filter's hint readable in both schemes,
    and the picture shown full size a named region the keyboard can
    scroll."""
    path = os.path.join(PICTURES, 'rtl.yaml')
    page = write_export(test, path, 'semantics.html')
    dt = Devtools(test, [])
    try:
        dt.open('file://' + page, 375, 667, mobile=True)
        title, inside = dt.evaluate(
            '[document.title, ["h1", "figure", "#tl-controls", "table"]'
            '.map(function (s) { return document.querySelector('
            '"body > main " + s) !== null; })]')
        test.check(all(inside), 'page: not all inside <main>: %r' % inside)
        test.check(title.strip() != '' and not re.search(
            '[\u2066-\u2069]', title), 'page: document title %r' % title)
        fig = ('(function () { var f = document.querySelector("figure"); '
               'return [f.getAttribute("tabindex"), f.getAttribute("role"), '
               'f.getAttribute("aria-label")]; }())')
        test.check(dt.evaluate(fig) == [None, None, None],
                   'page: the fitted picture is a region: %r' %
                   dt.evaluate(fig))
        full = dt.evaluate('document.getElementById("tl-full").click(); ' +
                           fig)
        test.check(full[0] == '0' and full[1] == 'region' and
                   bool(full[2]), 'page: the picture full size is %r' %
                   full)
        back = dt.evaluate('document.getElementById("tl-full").click(); ' +
                           fig)
        test.check(back == [None, None, None],
                   'page: fitted again, the picture is %r' % back)
        for scheme in ('light', 'dark'):
            dt.call('Emulation.setEmulatedMedia', {'features': [
                {'name': 'prefers-color-scheme', 'value': scheme}]})
            fg, bg = dt.evaluate(
                '(function () { var q = document.getElementById("tl-q"); '
                'return [getComputedStyle(q, "::placeholder").color, '
                'getComputedStyle(q).backgroundColor]; }())')
            c = contrast(fg, bg)
            test.check(c >= 4.5, 'page, %s: the filter\'s hint is %s on %s, '
                       '%.2f:1' % (scheme, fg, bg, c))
            print('page, %s: placeholder %s on %s, %.2f:1' %
                  (scheme, fg, bg, c))
    finally:
        dt.close()


def ax_tree(dt):
    """Chromium's accessibility tree of the open tab: {id: node}."""
    dt.call('Accessibility.enable')
    nodes = dt.call('Accessibility.getFullAXTree')['result']['nodes']
    return {n['nodeId']: n for n in nodes}


def ax(node, key):
    return (node.get(key) or {}).get('value', '')


def test_screen_reader(test):
    """What screen readers get of the picture, alone and on the page: a
    node named as the picture, described by its summary (not by its name
    again), that is not an image (whose parts would be skipped), and
    below it each milestone's <title> as the name of a node."""
    path = os.path.join(PICTURES, 'two-lanes')
    ms = json.loads(test.timeline(['export', '--format', 'json', '--today',
                                   TODAY, path]))['milestones']
    for fmt in ('svg', 'html'):
        out = write_export(test, path, 'reader.' + fmt)
        dt = Devtools(test, [])
        try:
            doc = dt.open('file://' + out, 1280, 800)
            svg = dt.call('DOM.querySelector', {
                'nodeId': doc['nodeId'], 'selector': 'svg'})['result']
            svg = dt.call('DOM.describeNode', svg)['result']['node']
            nodes = ax_tree(dt)
            n = dt.evaluate('document.querySelectorAll("g[data-id]")'
                            '.length')
        finally:
            dt.close()
        what = 'screen reader, %s' % fmt
        test.check(n == len(ms), '%s: %d milestones drawn' % (what, n))
        shown = [x for x in nodes.values() if not x.get('ignored')]
        roots = [x for x in shown if x.get('backendDOMNodeId') ==
                 svg['backendNodeId']]
        test.check(len(roots) == 1, '%s: %d nodes for the picture' %
                   (what, len(roots)))
        if len(roots) != 1:
            continue
        root = roots[0]
        desc = ax(root, 'description')
        test.check(ax(root, 'role') not in ('image', 'img') and
                   ax(root, 'name').strip() != '' and
                   desc.startswith('Timeline chart of %d milestones' %
                                   len(ms)) and
                   desc != ax(root, 'name'),
                   '%s: the picture is %r %r described %r' % (
                       what, ax(root, 'role'), ax(root, 'name'), desc))
        if fmt == 'html':
            test.check('table below' in desc, '%s: the summary %r does not '
                       'send to the table' % (what, desc))

        def under_root(x):
            while x is not None:
                if x is root:
                    return True
                if ax(x, 'role') in ('image', 'img'):
                    return False
                x = nodes.get(x.get('parentId'))
            return False
        names = [re.sub('[\u2066-\u2069]', '', ax(x, 'name'))
                 for x in shown if under_root(x)]
        for m in ms:
            test.check(any(s.startswith(m['title'] + ' \u2014 ')
                           for s in names),
                       '%s: no node reads %r: %r' % (what, m['title'],
                                                     names[:10]))

        # Of several lanes, each milestone is read inside a group named
        # after its lane's title.
        titles = {t['timeline']: t.get('title', t['timeline'])
                  for t in json.loads(test.timeline(
                      ['export', '--format', 'json', '--today', TODAY,
                       path]))['timelines']}

        def lane_of(x):
            x = nodes.get(x.get('parentId'))
            while x is not None and x is not root:
                if ax(x, 'role') == 'group' and ax(x, 'name') != '':
                    return re.sub('[\u2066-\u2069]', '', ax(x, 'name'))
                x = nodes.get(x.get('parentId'))
            return None
        for m in ms:
            lanes = [lane_of(x) for x in shown if under_root(x) and
                     re.sub('[\u2066-\u2069]', '', ax(x, 'name'))
                     .startswith(m['title'] + ' \u2014 ')]
            test.check(titles[m['timeline']] in lanes,
                       '%s: %r is read in lanes %r, not %r' % (
                           what, m['title'], lanes, titles[m['timeline']]))


class Counter(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', '1')
        self.send_header('Connection', 'close')
        self.end_headers()
        self.wfile.write(b'x')

    def log_message(self, *args):
        pass


def test_csp(test):
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Counter)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        text = test.timeline(['export', '--format', 'html', '--today', TODAY,
                              os.path.join(ROOT, 'timeline')]).decode()
        base = 'http://127.0.0.1:%d' % port
        injected = text.replace(
            '</body>', '<img src="%s/img"/><link rel="stylesheet" '
            'href="%s/css"/><iframe src="%s/frame"></iframe><script>'
            'document.body.setAttribute("data-injected", "ran");'
            'fetch("%s/fetch").catch(function () {});</script></body>' %
            (base, base, base, base))
        page = os.path.join(test.tmp, 'csp.html')
        with open(page, 'w', encoding='utf-8') as f:
            f.write(injected)
        dom = test.browser(['--virtual-time-budget=3000', '--dump-dom',
                            'file://' + page])
        test.check('data-injected="ran"' not in dom and
                   'class="js"' in dom,
                   'page: an injected script ran, or the page\'s did not')
        # The same page without its policy does reach the server, and
        # runs the script, so the test can tell.
        bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>',
                      '', injected)
        with open(page, 'w', encoding='utf-8') as f:
            f.write(bare)
        hits = list(Counter.hits)
        dom = test.browser(['--virtual-time-budget=3000', '--dump-dom',
                            'file://' + page])
        test.check('data-injected="ran"' in dom, 'page without its policy '
                   'ran no injected script: the test cannot tell')
        test.check(hits == [], 'page: requests got through: %r' % hits)
        test.check(len(Counter.hits) > 0, 'page without its policy made no '
                   'request: the test cannot tell')
    finally:
        server.shutdown()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    chromium = shutil.which('chromium')
    if chromium is None:
        print('skipped: chromium is missing (scripts/setup installs it)')
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        test = Test(os.path.abspath(sys.argv[1]), chromium, tmp)
        for step in (test_pictures, test_bidi, test_screenshot, test_page,
                     test_numeric_sort, test_iso_filter,
                     test_long_page, test_page_in_use, test_status_column,
                     test_page_semantics, test_screen_reader,
                     test_csp):
            began = time.monotonic()
            step(test)
            print('%s: %.1f s' % (step.__name__, time.monotonic() - began))
    print('%d checks, %d failed' % (test.checks, len(test.failures)))
    sys.exit(1 if test.failures else 0)


if __name__ == '__main__':
    main()
