#!/usr/bin/python3
"""The picture and the page (export --format svg and html), read back.

Usage: test_picture.py [--update] PATH-TO-timeline

For every input of tests/picture/ (a file or a directory) and the project's
own timeline/, at widths 480, 1200 and 2400:

  - the SVG equals its golden file tests/picture/NAME.svg (width 1200;
    --update rewrites them) and the same run gives the same bytes;
  - xmllint --noout reads it, and so does Python's XML parser: no script,
    no foreignObject, no href or src, no url( but to the document itself,
    one <g data-id> with a <title> for every milestone the JSON export
    lists;
  - rsvg-convert (librsvg) renders it with an empty standard error.

Then: hostile titles stay text, a 4 KiB title is cut in its label and
whole in its tooltip, a lane too full to label shows counts, an empty
selection is an error that writes nothing, --width is checked, a slip's
arrow points the way the date moved, today off the axis is said at its
edge, and the page is well-formed XML with a Content-Security-Policy, no
remote reference and every milestone in its table.
"""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PICTURES = os.path.join(ROOT, 'tests', 'picture')
SVG = '{http://www.w3.org/2000/svg}'
XHTML = '{http://www.w3.org/1999/xhtml}'
TODAY = '2026-06-15'
WIDTHS = (480, 1200, 2400)
ENV = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')


def cases():
    """(name, path) of every input, the project's own data last."""
    out = []
    for entry in sorted(os.listdir(PICTURES)):
        path = os.path.join(PICTURES, entry)
        if entry.endswith('.yaml'):
            out.append((entry[:-5], path))
        elif os.path.isdir(path):
            out.append((entry, path))
    out.append(('rust-for-linux', os.path.join(ROOT, 'timeline')))
    return out


class Test:
    def __init__(self, tool):
        self.tool = tool
        self.failures = []
        self.checks = 0

    def check(self, ok, what):
        self.checks += 1
        if not ok:
            self.failures.append(what)
            print('FAIL: ' + what)

    def run(self, args, input_bytes=None):
        p = subprocess.run([self.tool] + args, capture_output=True,
                           env=ENV, input=input_bytes, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def export(self, fmt, path, width=None, extra=()):
        args = ['export', '--format', fmt, '--today', TODAY]
        if width is not None:
            args += ['--width', str(width)]
        return self.run(args + list(extra) + [path])


def milestones(test, path):
    status, out, _ = test.run(['export', '--format', 'json', '--today',
                               TODAY, path])
    assert status == 0, path
    return json.loads(out)['milestones']


def no_remote(test, name, text, root):
    """No script, no href or src, no url( leaving the document."""
    for el in root.iter():
        tag = el.tag.split('}')[-1]
        test.check(tag not in ('script', 'foreignObject', 'image', 'use',
                               'iframe', 'object', 'embed'),
                   '%s: a <%s> element' % (name, tag))
        for attr, value in el.attrib.items():
            local = attr.split('}')[-1]
            test.check(local not in ('href', 'src'),
                       '%s: attribute %s on <%s>' % (name, attr, tag))
            for m in re.finditer(r'url\(\s*([^)]*)\)', value):
                test.check(m.group(1).startswith('#'),
                           '%s: %s="%s" leaves the document' %
                           (name, attr, value[:80]))
    for m in re.finditer(r'url\(\s*([^)]*)\)', ''.join(
            el.text or '' for el in root.iter(SVG + 'style'))):
        test.check(m.group(1).startswith('#'), '%s: url( in the style' %
                   name)
    test.check(b'<script' not in text.lower(), '%s: "<script" raw' % name)


def check_svg(test, name, text, ms):
    """Well-formed, self-contained, one titled <g> per milestone."""
    with tempfile.NamedTemporaryFile(suffix='.svg') as f:
        f.write(text)
        f.flush()
        p = subprocess.run(['xmllint', '--noout', f.name],
                           capture_output=True)
        test.check(p.returncode == 0 and p.stderr == b'',
                   '%s: xmllint: %s' % (name, p.stderr[:300]))
        p = subprocess.run(['rsvg-convert', f.name], capture_output=True)
        test.check(p.returncode == 0 and p.stderr == b'',
                   '%s: rsvg-convert: %s' % (name, p.stderr[:300]))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        test.check(False, '%s: not XML: %s' % (name, e))
        return None
    test.check(root.tag == SVG + 'svg', name + ': root is not <svg>')
    no_remote(test, name, text, root)
    groups = [g for g in root.iter(SVG + 'g') if 'data-id' in g.attrib]
    ids = [g.get('data-id') for g in groups]
    want = [m['timeline'] + '/' + m['id'] for m in ms]
    test.check(sorted(ids) == sorted(want), '%s: data-ids %r, want %r' %
               (name, ids[:5], want[:5]))
    approx = set(m['timeline'] + '/' + m['id'] for m in ms
                 if m['window']['approximate'])
    for g in groups:
        t = g.find(SVG + 'title')
        test.check(t is not None and (t.text or '').strip() != '',
                   '%s: %s has no <title>' % (name, g.get('data-id')))
        # An approximate window shows soft ends: a fading bar long
        # enough to see them, or a dashed ring.
        if g.get('data-id') in approx:
            ring = any(c.get('class') == 'ap' for c in g.iter(SVG + 'circle'))
            long_bar = any(r.get('class') == 'bs' and
                           float(r.get('width')) >= 24
                           for r in g.iter(SVG + 'rect'))
            test.check(ring or long_bar, '%s: %s is approximate, but '
                       'drawn as an exact one' % (name, g.get('data-id')))
    return root


def golden(test, name, text, update):
    path = os.path.join(PICTURES, name + '.svg')
    if update:
        with open(path, 'wb') as f:
            f.write(text)
        return
    try:
        with open(path, 'rb') as f:
            want = f.read()
    except FileNotFoundError:
        want = None
    test.check(want == text, '%s: differs from tests/picture/%s.svg '
               '(run tests/test_picture.py --update and review)' %
               (name, name))


def plain(text):
    """Text without the isolates (U+2068 ... U+2069) around data text."""
    return text.replace('\u2068', '').replace('\u2069', '')


def without_overdue(label):
    """A label's date and title, without the word said of a late
    milestone after them."""
    return label[:-len(' overdue')] if label.endswith(' overdue') else label


def text_of(el):
    return plain(''.join(el.itertext()))


def titles_of(root):
    return {g.get('data-id'): plain(g.find(SVG + 'title').text)
            for g in root.iter(SVG + 'g') if 'data-id' in g.attrib}


def test_cases(test, update):
    for name, path in cases():
        ms = milestones(test, path)
        for width in WIDTHS:
            label = '%s at %d' % (name, width)
            status, out, err = test.export('svg', path, width)
            test.check(status == 0, '%s: exit %d: %s' % (label, status,
                                                          err[:200]))
            again = test.export('svg', path, width)[1]
            test.check(out == again, label + ': not the same bytes twice')
            root = check_svg(test, label, out, ms)
            if root is not None:
                test.check(root.get('width') == str(width),
                           '%s: width %s' % (label, root.get('width')))
            if width == 1200 and name != 'rust-for-linux':
                golden(test, name, out, update)
        status, out, _ = test.export('svg', path)
        test.check(status == 0 and b'width="1200"' in out.split(b'>')[1],
                   name + ': the default width is not 1200')


def test_hostile(test):
    path = os.path.join(PICTURES, 'hostile.yaml')
    status, out, _ = test.export('svg', path)
    root = ET.fromstring(out)
    titles = titles_of(root)
    raw = [g.find(SVG + 'title').text for g in root.iter(SVG + 'g')
           if g.get('data-id') == 'hostile/script']
    test.check(raw[0].startswith('\u2068</text><script>alert(1)</script>'
                                 '\u2069 \u2014 '),
               'hostile: the title is not isolated from the date in its '
               'tooltip: %r' % raw[0])
    test.check(titles['hostile/script'].startswith(
        '</text><script>alert(1)</script> \u2014 '),
        'hostile: the script title is not text: %r' %
        titles['hostile/script'])
    test.check(titles['hostile/cdata'].startswith(
        ']]> <![CDATA[ x ]]> &amp; &lt;'), 'hostile: ]]> changed')
    test.check(titles['hostile/quotes'].startswith('"double" \'single\''),
               'hostile: quotes changed')
    test.check('\u05e2\u05d1\u05e8\u05d9\u05ea' in titles['hostile/bidi'],
               'hostile: right-to-left text lost')
    test.check('\U0001f980' in titles['hostile/wide'], 'hostile: emoji lost')
    test.check(plain(root.find(SVG + 'title').text) ==
               '</title><script>alert(1)</script>',
               'hostile: the picture\'s title is not text')

    # The longest title a file may hold (4 KiB; test_export_svg.c draws
    # one of 64 KiB): whole in the tooltip, cut in the label.
    with tempfile.TemporaryDirectory() as tmp:
        long_title = ('Long \u00e9\u65e5 ' * 1024)[:4096 // 2]
        while len(long_title.encode()) < 4096:
            long_title += 'x'
        yaml = os.path.join(tmp, 'long.yaml')
        with open(yaml, 'w', encoding='utf-8') as f:
            f.write('timeline: long\nmilestones:\n  - id: a\n    title: "%s"\n'
                    '    date: 2026-05\n  - id: b\n    title: short\n'
                    '    date: 2026-06\n' % long_title)
        for width in WIDTHS:
            status, out, err = test.export('svg', yaml, width)
            test.check(status == 0, 'long title: exit %d %s' % (status, err))
            root = check_svg(test, 'long title at %d' % width, out,
                             milestones(test, yaml))
            if root is None:
                continue
            t = titles_of(root)['long/a']
            test.check(t.startswith(long_title + ' \u2014 '),
                       'long title: the tooltip is not whole')
            label = [without_overdue(text_of(x))
                     for x in root.iter(SVG + 'text')
                     if x.get('class') == 'lb' and 'Long' in text_of(x)]
            test.check(len(label) == 1 and len(label[0]) < width // 4 and
                       label[0].endswith('\u2026'),
                       'long title: the label is not cut: %d chars' %
                       (len(label[0]) if label else -1))


def test_joined_emoji(test):
    """A label is cut before a family emoji or a flag, not inside it."""
    family = '\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466'
    flag = '\U0001f1eb\U0001f1f7'
    with tempfile.TemporaryDirectory() as tmp:
        yaml = os.path.join(tmp, 'joined.yaml')
        with open(yaml, 'w', encoding='utf-8') as f:
            f.write('timeline: j\nmilestones:\n')
            for k in range(8):
                f.write('  - id: m%d\n    title: "%s%s"\n'
                        '    date: %d-%02d\n' %
                        (k, 'a' * k, family * 30 if k % 2 else flag * 60,
                         2026 + k // 4, k % 4 * 3 + 1))
        status, out, err = test.export('svg', yaml, WIDTHS[1])
        test.check(status == 0, 'joined: exit %d %s' % (status, err))
        root = ET.fromstring(out)
        labels = [without_overdue(text_of(x)) for x in root.iter(SVG + 'text')
                  if x.get('class') == 'lb']
        cut = [x for x in labels if x.endswith('\u2026')]
        test.check(len(cut) == 8, 'joined: %d labels cut' % len(cut))
        for label in cut:
            body = label[:-1]
            for whole in (family, flag):
                while body.endswith(whole):
                    body = body[:-len(whole)]
            test.check(body[-1:] not in family + flag,
                       'joined: cut inside a cluster: %r' % label[-8:])


def test_connector_frames_no_mark(test):
    """A connector that must go round a label goes round on the side
    where it frames no other milestone's mark: framed, that one reads as
    the relative date (the legend's sign is such a frame)."""
    with tempfile.TemporaryDirectory() as tmp:
        yaml = os.path.join(tmp, 'frame.yaml')
        with open(yaml, 'w', encoding='utf-8') as f:
            f.write('timeline: f\ntitle: Roadmap\nmilestones:\n'
                    '  - {id: kickoff, title: Project kickoff,'
                    ' date: 2026-09-14, status: done}\n'
                    '  - {id: alpha, title: Internal alpha, date: 2026-11}\n'
                    '  - {id: beta, title: Public beta, date: ~2027-Q1}\n'
                    '  - {id: ga, title: General availability,'
                    ' date: {after: beta, offset: ~2m}}\n'
                    '  - {id: launch, title: Launch event,'
                    ' date: 2027-06-10}\n'
                    '  - {id: migration, title: Customers migrate,'
                    ' start: 2027-H1, end: ~2027}\n')
        # As of a day that makes alpha overdue: its label is longer.
        status, out, err = test.run(['export', '--format', 'svg',
                                     '--today', '2026-12-07', '--width',
                                     str(WIDTHS[1]), yaml])
        test.check(status == 0, 'frame: exit %d %s' % (status, err))
        root = ET.fromstring(out)
        marks = {}
        for g in root.iter(SVG + 'g'):
            for c in g.iter(SVG + 'circle'):
                if g.get('data-id'):
                    marks[g.get('data-id')] = float(c.get('cx'))
        paths = [p.get('d') for g in root.iter(SVG + 'g')
                 if g.get('class') == 'connectors'
                 for p in g.iter(SVG + 'path')]
        test.check(len(paths) == 1, 'frame: %d connectors' % len(paths))
        for d in paths:
            xs = [float(x) for x in re.findall(r'[MLQ ]([0-9.]+),', d)]
            alpha = marks.get('f/alpha', -1)
            test.check(not min(xs) < alpha < max(xs),
                       'frame: the connector %s frames alpha at %.1f'
                       % (d, alpha))


def test_emoji_presentation(test):
    """A heart with VS16 is drawn as wide as other emoji: no more of them
    fit in a label than of crabs."""
    heart = '\u2764\ufe0f'
    crab = '\U0001f980'
    with tempfile.TemporaryDirectory() as tmp:
        yaml = os.path.join(tmp, 'hearts.yaml')
        with open(yaml, 'w', encoding='utf-8') as f:
            f.write('timeline: e\nmilestones:\n'
                    '  - id: h\n    title: "%s"\n    date: 2026-03\n'
                    '  - id: c\n    title: "%s"\n    date: 2026-03\n' %
                    (heart * 80, crab * 80))
        status, out, err = test.export('svg', yaml, WIDTHS[0])
        test.check(status == 0, 'hearts: exit %d %s' % (status, err))
        root = ET.fromstring(out)
        labels = [text_of(x) for x in root.iter(SVG + 'text')
                  if x.get('class') == 'lb']
        hearts = max([x.count(heart) for x in labels] + [0])
        crabs = max([x.count(crab) for x in labels] + [0])
        test.check(0 < hearts <= crabs,
                   'hearts: %d hearts against %d crabs' % (hearts, crabs))
        test.check(all('\u2764' not in x or x.endswith('\ufe0f\u2026')
                       for x in labels if x.endswith('\u2026')),
                   'hearts: a heart cut from its VS16')

def marked_chars(el, inside=False):
    """(character, whether it lies in a tspan of class e) for the text
    of el, in order."""
    inside = inside or 'e' in (el.get('class') or '').split()
    out = [(c, inside) for c in el.text or '']
    for child in el:
        out += marked_chars(child, inside)
        out += [(c, inside) for c in child.tail or '']
    return out


def test_emoji_unrimmed(test):
    """Emoji in a rimmed text (labels, lane headings) are in a tspan of
    class e, which has no stroke: Firefox draws no bitmap emoji (Noto
    Color Emoji) in text that has one.  Whole clusters, and nothing
    else: CJK and letters keep the rim."""
    emoji = ['\U0001f680', '\u2764\ufe0f', '1\ufe0f\u20e3',
             '\U0001f468\u200d\U0001f469\u200d\U0001f467',
             '\U0001f1eb\U0001f1f7', '\U0001f44d\U0001f3fd']
    title = 'Launch %s \u65e5\u672c %s' % (''.join(emoji[:3]),
                                          ' x '.join(emoji[3:]))
    # A keycap first: its '1' is ASCII, made an emoji by what follows.
    first = '%s Kickoff \u00e9' % emoji[2]
    with tempfile.TemporaryDirectory() as tmp:
        yaml = os.path.join(tmp, 'rim.yaml')
        with open(yaml, 'w', encoding='utf-8') as f:
            f.write('timeline: r\ntitle: "Team %s"\nmilestones:\n'
                    '  - id: a\n    title: "%s"\n    date: 2026-03-10\n'
                    '  - id: b\n    title: "%s"\n    date: 2026-09-10\n'
                    % (emoji[0], title, first))
        status, out, err = test.export('svg', yaml, WIDTHS[2])
        test.check(status == 0, 'rim: exit %d %s' % (status, err))
        root = ET.fromstring(out)
        css = ''.join(el.text or '' for el in root.iter(SVG + 'style'))
        test.check(re.search(r'\.tl \.e\{stroke:none\}', css) is not None,
                   'rim: no rule takes the rim off class e')
        rimmed = [x for x in root.iter(SVG + 'text')
                  if 'lb' in (x.get('class') or '').split()]
        test.check(len(rimmed) == 3, 'rim: %d rimmed texts' % len(rimmed))
        for x in rimmed:
            chars = marked_chars(x)
            text = ''.join(c for c, _ in chars)
            want = [False] * len(text)
            for e in emoji:
                at = text.find(e)
                while at >= 0:
                    want[at:at + len(e)] = [True] * len(e)
                    at = text.find(e, at + len(e))
            got = [inside for _, inside in chars]
            test.check(got == want and any(want),
                       'rim: emoji and rim in %r: %r' %
                       (text, [c for c, i in chars if i]))


def test_heading_of_many_timelines(test):
    """Titles that do not all fit in the heading end with "and N more"
    after the whole ones that fit; the first, cut with an ellipsis, when
    even it does not: a title cut at the end would read as another."""
    # Titles of every length around the room, so that one of them ends
    # where the room does; and a first title too long alone.
    for extra in list(range(32)) + [150]:
        with tempfile.TemporaryDirectory() as tmp:
            titles = []
            for k in range(4):
                titles.append('Lane number %d with a title%s' %
                              (k, 'x' * extra))
                with open(os.path.join(tmp, 'lane%d.yaml' % k), 'w') as f:
                    f.write('timeline: lane%d\ntitle: %s\nmilestones:\n'
                            '  - id: a\n    title: A\n    date: 2026-0%d\n'
                            % (k, titles[k], k + 1))
            status, out, err = test.export('svg', tmp, WIDTHS[1])
            test.check(status == 0, 'heading: exit %d %s' % (status, err))
            root = ET.fromstring(out)
            heading = [text_of(x) for x in
                       root.iter(SVG + 'text') if x.get('class') == 'hd'][0]
            m = re.match(r'^(.*) and (\d+) more$', heading)
            shown = m.group(1).split(', ') if m else []
            whole = shown == titles[:len(shown)]
            cut = (len(shown) == 1 and shown[0].endswith('\u2026') and
                   titles[0].startswith(shown[0][:-1]))
            test.check(m is not None and len(heading) < 120 and
                       (whole or cut) and
                       int(m.group(2)) == 4 - len(shown) and
                       (cut or extra < 150),
                       'heading (%d): %r' % (extra, heading))
    # Short titles: as many as the width holds, all of them when it
    # holds them all, however many timelines there are.
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(40):
            with open(os.path.join(tmp, 'l%d.yaml' % k), 'w') as f:
                f.write('timeline: l%d\ntitle: L%d\nmilestones:\n'
                        '  - id: a\n    title: A\n    date: 2026-05\n'
                        % (k + 10, k + 10))
        for width, least in ((1200, 15), (2400, 35), (20000, 40)):
            status, out, err = test.export('svg', tmp, width)
            root = ET.fromstring(out)
            heading = [text_of(x) for x in root.iter(SVG + 'text')
                       if x.get('class') == 'hd'][0]
            m = re.match(r'^(.*?)(?: and (\d+) more)?$', heading)
            shown = m.group(1).split(', ')
            test.check(status == 0 and len(shown) >= least and
                       shown == ['L%d' % (k + 10) for k in
                                 range(len(shown))] and
                       int(m.group(2) or 0) == 40 - len(shown),
                       'heading of 40 at %d: %r' % (width, heading))


def test_title_of_many_timelines(test):
    """The title of a picture or page of 30 timelines names 8 and counts
    the rest (100,000 timelines made a title of megabytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(30):
            with open(os.path.join(tmp, 't%02d.yaml' % k), 'w') as f:
                f.write('timeline: t%02d\ntitle: Team %02d\nmilestones:\n'
                        '  - {id: a, title: A, date: 2026-%02d}\n' %
                        (k, k, 1 + k % 12))
        status, out, _ = test.export('svg', tmp, WIDTHS[1])
        root = ET.fromstring(out)
        title = text_of(root.find(SVG + 'title'))
        test.check(plain(title).endswith('Team 07 and 22 more') and
                   'Team 08' not in title,
                   'title of many timelines: %r' % title[:200])
        status, out, _ = test.export('html', tmp, WIDTHS[1])
        root = ET.fromstring(out)
        for tag in ('title', 'h1'):
            el = next(root.iter(XHTML + tag))
            text = plain(text_of(el))
            test.check(text.endswith('Team 07 and 22 more') and
                       'Team 08' not in text,
                       'page %s of many timelines: %r' % (tag, text[:200]))


def test_counts(test):
    """A lane too full to label shows counts that add up."""
    with tempfile.TemporaryDirectory() as tmp:
        yaml = os.path.join(tmp, 'many.yaml')
        with open(yaml, 'w') as f:
            f.write('timeline: many\ntitle: Many\nmilestones:\n')
            for i in range(3000):
                f.write('  - {id: m%d, title: Milestone number %d, date: '
                        '%04d-%02d-%02d}\n' % (i, i, 2020 + i % 6,
                                               1 + i % 12, 1 + i % 28))
        ms = milestones(test, yaml)
        for width in WIDTHS:
            status, out, _ = test.export('svg', yaml, width)
            root = check_svg(test, 'counts at %d' % width, out, ms)
            if root is None:
                continue
            counts = [x for x in root.iter(SVG + 'text')
                      if x.get('class') == 'ct']
            total = sum(int(x.text.replace(',', '')) for x in counts)
            test.check(total == 3000, 'counts at %d: they add up to %d' %
                       (width, total))
            test.check(not any(x.get('class') == 'lb'
                               for x in root.iter(SVG + 'text')),
                       'counts at %d: labels remain' % width)


def test_crowded_lane_labelled(test):
    """A conference's 24 sessions in one week, beside a lane of years,
    need a row each: they are labelled, not counted."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in (
                ('launch', ''.join('  - {id: l%d, title: Launch %d, date: '
                                   '%d}\n' % (i, i, 2026 + i)
                                   for i in range(4))),
                ('conf', ''.join('  - {id: s%d, title: Session number %d '
                                 'of the conference, date: 2026-09-%02d}\n'
                                 % (i, i, 21 + i % 5) for i in range(24)))):
            with open(os.path.join(tmp, name + '.yaml'), 'w') as f:
                f.write('timeline: %s\nmilestones:\n%s' % (name, body))
        ms = milestones(test, tmp)
        status, out, _ = test.export('svg', tmp, 1200)
        root = check_svg(test, 'crowded lane', out, ms)
        if root is None:
            return
        texts = [text_of(x) for x in root.iter(SVG + 'text')]
        test.check(not any('counted' in t for t in texts),
                   'crowded lane: counted instead of labelled')
        for i in range(24):
            test.check(any('Session number %d of' % i in t for t in texts),
                       'crowded lane: session %d has no label' % i)


def test_errors(test):
    path = os.path.join(PICTURES, 'single.yaml')
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ('svg', 'html'):
            target = os.path.join(tmp, 'out.' + fmt)
            status, out, err = test.export(fmt, path, None,
                                           ['--tag', 'nothing', '-o',
                                            target])
            # Nothing selected: a picture, and a page, that say so (a
            # page made on a schedule must not keep an old picture).
            test.check(status == 0 and os.path.exists(target),
                       '%s of an empty selection: exit %d, file %s' %
                       (fmt, status, os.path.exists(target)))
            test.check(b"--tag 'nothing': no loaded milestone" in err,
                       '%s of an empty selection: %s' % (fmt, err))
            status, out, err = test.export(fmt, path, None,
                                           ['--tag', 'nothing'])
            test.check(status == 0 and b'>no milestones</text>' in out,
                       '%s of an empty selection: exit %d, %r' %
                       (fmt, status, out[-200:]))
            if fmt == 'svg':
                root = check_svg(test, 'svg of an empty selection', out, [])
                test.check(root is not None and
                           root.find(SVG + 'title').text.strip('\u2068'
                                                               '\u2069') ==
                           'single', 'the empty picture names its '
                           'timeline: %r' % out[:600])
            else:
                ET.fromstring(out)
                test.check(b'tl-table' not in out and b'<h1>' in out,
                           'the empty page: %r' % out[-400:])
            for width, want in ((479, 2), (480, 0), (20000, 0),
                                (20001, 2)):
                status, _, _ = test.export(fmt, path, width)
                test.check(status == want, '%s --width %d: exit %d' %
                           (fmt, width, status))
    status, _, err = test.export('json', path, 800)
    test.check(status == 2, '--width with json: exit %d' % status)


def test_page(test):
    path = os.path.join(ROOT, 'timeline')
    ms = milestones(test, path)
    status, out, err = test.export('html', path)
    test.check(status == 0, 'page: exit %d' % status)
    with tempfile.NamedTemporaryFile(suffix='.html') as f:
        f.write(out)
        f.flush()
        for args in (['--noout'],):
            p = subprocess.run(['xmllint'] + args + [f.name],
                               capture_output=True)
            test.check(p.returncode == 0 and p.stderr == b'',
                       'page: xmllint %s: %s' % (' '.join(args),
                                                 p.stderr[:300]))
    root = ET.fromstring(out)
    head = root.find(XHTML + 'head')
    csp = [m.get('content') for m in head.iter(XHTML + 'meta')
           if m.get('http-equiv') == 'Content-Security-Policy']
    test.check(len(csp) == 1 and "default-src 'none'" in csp[0],
               'page: no Content-Security-Policy forbidding loads')
    # One line in the head marks the page as scripted before it is
    # drawn; the filters' script ends the body.
    scripts = list(root.iter(XHTML + 'script'))
    test.check(len(scripts) == 2 and
               all('src' not in x.attrib for x in scripts) and
               list(head.iter(XHTML + 'script')) == scripts[:1] and
               scripts[0].text ==
               'document.documentElement.className = "js";',
               'page: not the two inline scripts')
    # Scripts run by their hashes, none other: the page read as HTML
    # hashes a script's text with its CDATA markers, read as XML
    # without.
    policy = dict((d.split(None, 1) + [''])[:2]
                  for d in csp[0].split(';') if d.strip())
    allowed = policy.get('script-src', '').split()
    test.check("'unsafe-inline'" not in allowed,
               "page: script-src allows 'unsafe-inline'")
    raw = re.findall(rb'<script>(.*?)</script>', out, re.S)
    bodies = raw + [x.text.encode() for x in scripts]
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        test.check("'sha256-%s'" % digest in allowed,
                   'page: no hash in script-src for %r' % body[:40])
    for el in root.iter():
        tag = el.tag.split('}')[-1]
        test.check(tag not in ('link', 'img', 'iframe', 'object', 'embed',
                               'image', 'use', 'base', 'form'),
                   'page: a <%s>' % tag)
        test.check('src' not in el.attrib, 'page: src on <%s>' % tag)
        if 'href' in el.attrib:
            test.check(tag == 'a' and re.match(r'https?://',
                                               el.get('href')),
                       'page: href on <%s>' % tag)
    svgs = list(root.iter(SVG + 'svg'))
    test.check(len(svgs) == 1, 'page: %d pictures' % len(svgs))
    rows = root.find('.//' + XHTML + 'tbody').findall(XHTML + 'tr')
    test.check([r.get('data-id') for r in rows] ==
               [m['timeline'] + '/' + m['id'] for m in ms],
               'page: the table is not every milestone in order')
    for r in rows:
        test.check(r.get('hidden') is None, 'page: a row hidden')
    # Hostile titles stay text on the page too.
    status, out, _ = test.export('html', os.path.join(PICTURES,
                                                      'hostile.yaml'))
    root = ET.fromstring(out)
    cells = [''.join(r.findall(XHTML + 'td')[2].itertext())
             for r in root.iter(XHTML + 'tr') if r.get('data-id')]
    test.check('</text><script>alert(1)</script>' in cells,
               'page: the script title is not text')
    test.check(len(list(root.iter(XHTML + 'script'))) == 2,
               'page: a title became a script')


def test_overdue(test):
    """The picture's tooltips and the page's status cells say overdue,
    as show does: planned or at-risk, window ended before today."""
    text = ('timeline: od\ntitle: Overdue\nmilestones:\n'
            '  - {id: late, title: Late, date: 2000-01}\n'
            '  - {id: risky, title: Risky, date: 2000-02-03, '
            'status: at-risk}\n'
            '  - {id: shipped, title: Shipped, date: 2000-03, '
            'status: done}\n'
            '  - {id: ahead, title: Ahead, date: 9999-01}\n')
    text += '  - {id: long, title: %s, date: 2000-04}\n' % ('Long ' * 80)
    want = {'od/late': True, 'od/risky': True, 'od/shipped': False,
            'od/ahead': False, 'od/long': True}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'od.yaml')
        with open(path, 'w') as f:
            f.write(text)
        for width in WIDTHS:
            status, out, _ = test.export('svg', path, width)
            test.check(status == 0, 'overdue: svg exit %d' % status)
            root = ET.fromstring(out)
            for g in root.iter(SVG + 'g'):
                if g.get('data-id') not in want:
                    continue
                tip = g.find(SVG + 'title').text
                test.check(('overdue' in tip) == want[g.get('data-id')],
                           'overdue: tooltip %r' % tip)
                # The label says it too, after the title, even a title
                # cut to fit.
                label = [t for t in g.iter(SVG + 'text')
                         if t.get('class') == 'lb']
                said = ''.join(label[0].itertext()) if label else ''
                test.check(said.endswith(' overdue') ==
                           want[g.get('data-id')],
                           'overdue: label %r at %d' % (said, width))
        status, out, _ = test.export('html', path)
        test.check(status == 0, 'overdue: html exit %d' % status)
        root = ET.fromstring(out)
        rows = [r for r in root.iter(XHTML + 'tr') if r.get('data-id')]
        test.check(len(rows) == 5, 'overdue: %d rows' % len(rows))
        for r in rows:
            cell = ''.join(r.findall(XHTML + 'td')[1].itertext())
            test.check(('overdue' in cell) == want[r.get('data-id')],
                       'overdue: status cell %r of %s' %
                       (cell, r.get('data-id')))
            test.check(r.get('data-status') in
                       ('planned', 'at-risk', 'done'),
                       'overdue: data-status %r' % r.get('data-status'))


def luminance(hexa):
    """The relative luminance (WCAG 2) of "#rrggbb"."""
    lin = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4
           for c in (int(hexa[i:i + 2], 16) for i in (1, 3, 5))]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(hexa, alpha, under):
    """hexa at opacity alpha over the colour under."""
    return '#' + ''.join('%02x' % round(int(hexa[i:i + 2], 16) * alpha +
                                        int(under[i:i + 2], 16) * (1 - alpha))
                         for i in (1, 3, 5))


def style_rules(css):
    """{class: {property: value}} of the picture's ".tl .CLASS" rules."""
    out = {}
    for sel, body in re.findall(r'\.tl \.([\w]+)\{([^}]*)\}', css):
        out[sel] = dict(p.split(':', 1) for p in body.split(';') if p)
    return out


def test_mark_contrast(test):
    """Each status' mark (k0..k4) and exact bar (b0..b4), in the light
    scheme and in the dark, stands out from the background by 3:1
    (WCAG 1.4.11), by its fill (at its opacity) or by its outline."""
    _, out, _ = test.export('svg', os.path.join(ROOT, 'timeline'))
    css = ET.fromstring(out).find(SVG + 'style').text
    light, dark = css.split('@media screen and (prefers-color-scheme: dark)')
    schemes = (('light', style_rules(light)), ('dark', style_rules(light)))
    for k, v in style_rules(dark).items():
        schemes[1][1][k] = dict(schemes[1][1].get(k, {}), **v)
    for scheme, rules in schemes:
        bg = rules['bg']['fill']
        for cls in ['k%d' % s for s in range(5)] + ['b%d' % s
                                                      for s in range(5)]:
            r = rules.get(cls, {})
            seen = []
            if r.get('fill', 'none').startswith('#'):
                fill = blend(r['fill'], float(r.get('fill-opacity', 1)), bg)
                seen.append(contrast(fill, bg))
            if r.get('stroke', 'none').startswith('#'):
                seen.append(contrast(r['stroke'], bg))
            best = max(seen or [0])
            test.check(best >= 3, 'contrast, %s: .%s %r reaches %.2f:1 '
                       'against %s' % (scheme, cls, r, best, bg))


def test_links(test):
    """A link holding characters a URL may not hold as they are keeps
    them in its text and has them percent-encoded in its href, which is
    then a valid URL; the picture's style sheet says its type, as SVG 1.1
    requires."""
    link = 'https://example.org/a?x="><script>`{a}|b^c</script>&y=%41'
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'links.yaml')
        with open(path, 'w') as f:
            f.write('timeline: links\nmilestones:\n  - {id: a, title: A, '
                    'date: 2026-05-01, links: [%s]}\n'
                    '  - {id: b, title: B, date: 2026-05-02, links: '
                    '[HTTPS://EXAMPLE.ORG/, Http://example.org/b]}\n'
                    % json.dumps(link))
        status, out, err = test.export('html', path)
        test.check(status == 0, 'links: exit %d %s' % (status, err))
        if status != 0:
            return
        anchors = list(ET.fromstring(out).iter(XHTML + 'a'))
        # The scheme in any case is a link, as check takes it.
        test.check([a.get('href') for a in anchors[1:]] ==
                   ['HTTPS://EXAMPLE.ORG/', 'Http://example.org/b'],
                   'links: the schemes in capitals: %r' % anchors[1:])
        anchors = anchors[:1]
        want = ('https://example.org/a?x=%22%3E%3Cscript%3E%60%7Ba%7D%7Cb'
                '%5Ec%3C/script%3E&y=%41')
        for a in anchors:
            test.check(a.text == link, 'links: the text is %r' % a.text)
            test.check(a.get('href') == want, 'links: href %r' %
                       a.get('href'))
        status, out, _ = test.export('svg', path)
        style = ET.fromstring(out).find(SVG + 'style')
        test.check(style is not None and style.get('type') == 'text/css',
                   'links: <style> without type="text/css"')


def test_date_notes(test):
    """The table's date cell tells what the picture's tooltip tells of
    the date besides its words, in the same words: what a relative date
    hangs on ("~3m after ID") and the earlier estimate ("was May 2026")."""
    path = os.path.join(PICTURES, 'relative.yaml')
    ms = milestones(test, path)
    _, out, _ = test.export('svg', path)
    tips = {g.get('data-id'): plain(g.find(SVG + 'title').text)
            for g in ET.fromstring(out).iter(SVG + 'g')
            if g.get('data-id')}
    _, out, _ = test.export('html', path)
    cells = {r.get('data-id'): ''.join(r.findall(XHTML + 'td')[0].itertext())
             for r in ET.fromstring(out).iter(XHTML + 'tr')
             if r.get('data-id')}
    notes = 0
    for m in ms:
        key = m['timeline'] + '/' + m['id']
        rest = tips[key].split(' \u2014 ', 1)[1]
        status = ', ' + m['status']
        if ', overdue' in rest:
            status += ', overdue'
        want = rest.replace(status, '', 1)
        notes += want != rest.split(',', 1)[0]
        test.check(cells.get(key) == want, 'date notes: %s reads %r, its '
                   'tooltip %r' % (key, cells.get(key), tips[key]))
    test.check(notes >= 2, 'date notes: %d notes in relative.yaml' % notes)


def test_time_of_day(test):
    """A milestone with a time of day has it, with its zone, in the
    picture's tooltip and in the page's date cell, as show writes it; a
    day without one has neither."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'timed.yaml')
        with open(path, 'w') as f:
            f.write('timeline: timed\nmilestones:\n'
                    '  - {id: cut, title: Release cut, date: 2027-05-04, '
                    'time: "14:00", timezone: Europe/London}\n'
                    '  - {id: utc, title: Tag, date: 2027-05-05, '
                    'time: "09:05", timezone: UTC}\n'
                    '  - {id: day, title: Ships, date: 2027-05-06}\n')
        want = {'timed/cut': '4 May 2027 14:00 Europe/London',
                'timed/utc': '5 May 2027 09:05 UTC',
                'timed/day': '6 May 2027'}
        status, out, err = test.export('svg', path)
        test.check(status == 0, 'time of day: exit %d %s' % (status, err))
        if status != 0:
            return
        tips = {g.get('data-id'): plain(g.find(SVG + 'title').text)
                for g in ET.fromstring(out).iter(SVG + 'g')
                if g.get('data-id')}
        _, out, _ = test.export('html', path)
        cells = {r.get('data-id'):
                 ''.join(r.findall(XHTML + 'td')[0].itertext())
                 for r in ET.fromstring(out).iter(XHTML + 'tr')
                 if r.get('data-id')}
        for key, when in want.items():
            tip = tips.get(key, '')
            test.check(tip.split(' \u2014 ', 1)[-1].startswith(when + ','),
                       'time of day: %s tooltip %r, want %r' %
                       (key, tip, when))
            test.check(cells.get(key) == when, 'time of day: %s date cell '
                       '%r, want %r' % (key, cells.get(key), when))
        # The page's zone may break after its '/', not inside a name
        # ('Los_Angele|s' in a narrow column).
        rows = {r.get('data-id'): r for r in ET.fromstring(out).iter(
            XHTML + 'tr') if r.get('data-id')}
        cell = rows['timed/cut'].findall(XHTML + 'td')[0]
        breaks = [(e.tail or '') for e in cell.iter(XHTML + 'wbr')]
        test.check(cell.text == '4 May 2027 14:00 Europe/' and
                   breaks == ['London'],
                   'time of day: the zone breaks not after its /: %r %r' %
                   (cell.text, breaks))


def test_slip_arrows(test):
    """The arrow from an earlier estimate points the way the date moved,
    however short the move: later to the right, earlier to the left, or
    no arrow where there is no room for one."""
    shifts = (1, 2, 3, 5, 8, 12, 20, 28)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'slips.yaml')
        with open(path, 'w') as f:
            f.write('timeline: slips\nmilestones:\n')
            for n in shifts:
                f.write('  - {id: later%d, title: Later, date: 2026-06-%02d,'
                        ' history: [{date: 2026-06-01}]}\n' % (n, 1 + n))
                f.write('  - {id: earlier%d, title: Earlier, date: '
                        '2026-09-%02d, history: [{date: 2026-09-30}]}\n' %
                        (n, 30 - n))
        for width in (480, 1200):
            status, out, err = test.export('svg', path, width)
            test.check(status == 0, 'slip arrows: exit %d %s' % (status, err))
            if status != 0:
                return
            arrows = 0
            for g in ET.fromstring(out).iter(SVG + 'g'):
                if not g.get('data-id'):
                    continue
                gh = g.find(SVG + 'circle[@class="gh"]')
                mark = [c for c in g.iter(SVG + 'circle')
                        if c.get('class', '').startswith('m ')]
                ar = g.find(SVG + 'line[@class="ar"]')
                if gh is None or not mark or ar is None:
                    continue
                arrows += 1
                moved = float(mark[0].get('cx')) - float(gh.get('cx'))
                drawn = float(ar.get('x2')) - float(ar.get('x1'))
                test.check(moved * drawn > 0, 'slip arrows: %s at %d px: '
                           'moved %+.1f px, arrow %+.1f px' %
                           (g.get('data-id'), width, moved, drawn))
            test.check(arrows >= 4, 'slip arrows: %d arrows at %d px' %
                       (arrows, width))


def test_far_estimate(test):
    """An earlier estimate years before the milestones widens the axis
    by a quarter of their span at most: the milestones keep the room,
    and the far estimate is an arrow from the plot's left edge."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'far.yaml')
        with open(path, 'w') as f:
            f.write('timeline: far\nmilestones:\n'
                    '  - {id: a, title: A, date: 2026-01-15}\n'
                    '  - {id: b, title: B, date: 2026-09-01}\n'
                    '  - {id: c, title: C, date: 2027-01-10,'
                    ' history: [{date: 2018}]}\n')
        status, out, err = test.export('svg', path, 1200)
        test.check(status == 0, 'far estimate: exit %d %s' % (status, err))
        if status != 0:
            return
        marks, far = {}, None
        for g in ET.fromstring(out).iter(SVG + 'g'):
            key = g.get('data-id')
            if not key:
                continue
            for c in g.iter(SVG + 'circle'):
                if c.get('class', '').startswith('m '):
                    marks[key] = float(c.get('cx'))
            if key == 'far/c':
                far = (g.find(SVG + 'circle[@class="gh"]'),
                       g.find(SVG + 'rect[@class="gh"]'),
                       g.find(SVG + 'line[@class="ar"]'))
        spread = marks.get('far/c', 0) - marks.get('far/a', 0)
        test.check(spread > 0.7 * (1200 - 48), 'far estimate: the marks '
                   'span %.0f px of %d' % (spread, 1200 - 48))
        test.check(far is not None and far[0] is None and far[1] is None
                   and far[2] is not None and
                   abs(float(far[2].get('x1')) - 29) < 0.5,
                   'far estimate: not an arrow from the left edge: %r' %
                   (far,))


def test_today_off_the_axis(test):
    """Today before or after every milestone is said at that edge, with
    an arrow towards it, and no line is drawn."""
    with tempfile.TemporaryDirectory() as tmp:
        for year, want in (('2030', '\u2190 today, 15 Jun 2026'),
                           ('2020', 'today, 15 Jun 2026 \u2192')):
            path = os.path.join(tmp, year + '.yaml')
            with open(path, 'w') as f:
                f.write('timeline: t\nmilestones:\n'
                        '  - {id: a, title: A, date: %s-03-01}\n' % year)
            status, out, err = test.export('svg', path)
            test.check(status == 0, 'today off: exit %d %s' % (status, err))
            if status != 0:
                continue
            root = ET.fromstring(out)
            said = [''.join(t.itertext()) for t in root.iter(SVG + 'text')
                    if t.get('class') == 'tdl']
            test.check(said == [want], 'today off (%s): %r' % (year, said))
            test.check(not any(g.get('class') == 'today'
                               for g in root.iter(SVG + 'g')),
                       'today off (%s): a today line' % year)


def main():
    args = sys.argv[1:]
    update = '--update' in args
    args = [a for a in args if a != '--update']
    if len(args) != 1:
        sys.exit(__doc__)
    for prog in ('xmllint', 'rsvg-convert'):
        if shutil.which(prog) is None:
            print('skipped: %s is missing (scripts/setup installs it)' % prog)
            sys.exit(77)
    test = Test(os.path.abspath(args[0]))
    os.chdir(ROOT)
    test_cases(test, update)
    test_hostile(test)
    test_joined_emoji(test)
    test_connector_frames_no_mark(test)
    test_heading_of_many_timelines(test)
    test_emoji_presentation(test)
    test_emoji_unrimmed(test)
    test_counts(test)
    test_title_of_many_timelines(test)
    test_crowded_lane_labelled(test)
    test_errors(test)
    test_page(test)
    test_overdue(test)
    test_mark_contrast(test)
    test_links(test)
    test_slip_arrows(test)
    test_far_estimate(test)
    test_today_off_the_axis(test)
    test_date_notes(test)
    test_time_of_day(test)
    print('%d checks, %d failed' % (test.checks, len(test.failures)))
    sys.exit(1 if test.failures else 0)


if __name__ == '__main__':
    main()
