#!/usr/bin/env python3
"""Properties of `timeline show` over generated data (seeded).

Each case writes a directory of timelines whose names share prefixes of
random lengths (one milestone each, on its own day of March 2026, so that
the date tells the lines apart), with random titles, tags, locations,
history and links, and runs `show` at a random width, short and --long:

- every line fits the width (measured with python3-wcwidth when present),
  but for a link wider than the width, alone at the start of its line;
- every milestone line carries a label, and no two timelines share one;
- the title line names every timeline shown (whole in --long, or when
  it is not cut);
- a milestone with tags shows them, or their mark `#…`, on its line;
- --long cuts nothing: no `…` but in labels, and every title, location,
  tag, link and earlier estimate is there whole once rows are joined
  (white space aside: a word wider than a row is broken).

    text_properties.py TIMELINE-BINARY [CASES] [SEED]
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

try:
    from wcwidth import wcswidth
except ImportError:
    def wcswidth(s):
        return sum(0 if unicodedata.combining(c) or c == '\u200d' else
                   2 if unicodedata.east_asian_width(c) in 'WF' else 1
                   for c in s)

WORDS = ['kernel', 'rust', 'release', 'driver', 'graphics', 'toolchain',
         'a', 'of', 'the', 'and', 'migration', 'very-long-hyphenated-word',
         '日本語', 'カーネル', '🦀', 'Ｆｕｌｌ', 'café', 'x' * 30]
ELLIPSIS = '\u2026'
MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
          'Oct', 'Nov', 'Dec']


def slug(rng, n):
    return '-'.join(rng.choice(['a', 'deb', 'kernel', 'rust', 'x1', 'long',
                                'timeline', 'name', 'b2'])
                    for _ in range(n))


def words(rng, lo, hi):
    return ' '.join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def make_case(rng, root):
    n = rng.randint(1, 9)
    prefix = slug(rng, rng.randint(0, 6))
    names = set()
    while len(names) < n:
        name = (prefix + '-' if prefix else '') + slug(rng, rng.randint(1, 3))
        names.add(name[:64].strip('-'))
    timelines = []
    for i, name in enumerate(sorted(names)):
        title = words(rng, 1, 4)
        ms = {
            'title': words(rng, 1, 14),
            'day': i + 1,
            'tags': [slug(rng, rng.randint(1, 4)) for _ in
                     range(rng.choice([0, 0, 1, 3]))],
            'location': words(rng, 1, 16) if rng.random() < 0.5 else None,
            'history': [f'2025-{m:02d}' for m in
                        sorted(rng.sample(range(1, 13), rng.randint(0, 6)))],
            'links': ['https://example.org/' + '/'.join(
                slug(rng, rng.randint(1, 5)) for _ in
                range(rng.randint(1, 8))) for _ in range(rng.randint(0, 2))],
        }
        timelines.append((name, title, ms))
        with open(os.path.join(root, name + '.yaml'), 'w',
                  encoding='utf-8') as f:
            f.write(f'timeline: {name}\ntitle: "{title}"\nmilestones:\n')
            f.write(f'  - id: m\n    title: "{ms["title"]}"\n'
                    f'    date: 2026-03-{ms["day"]:02d}\n')
            if ms['tags']:
                f.write(f'    tags: [{", ".join(ms["tags"])}]\n')
            if ms['location']:
                f.write(f'    location: "{ms["location"]}"\n')
            if ms['links']:
                f.write(f'    links: [{", ".join(ms["links"])}]\n')
            if ms['history']:
                f.write('    history:\n')
                for h in ms['history']:
                    f.write(f'      - date: {h}\n')
    return timelines


def show(binary, root, width, long_format):
    args = [binary, 'show', '--color', 'never', '--today', '2026-11-24',
            '--width', str(width)] + (['--long'] if long_format else []) + [
            root]
    r = subprocess.run(args, capture_output=True, timeout=30)
    if r.returncode != 0:
        raise AssertionError(f'exit {r.returncode}: {r.stderr.decode()}')
    return r.stdout.decode('utf-8')


def check(timelines, out, width, long_format):
    lines = out.split('\n')
    assert lines[-1] == '', 'no final newline'
    for line in lines[:-1]:
        cols = wcswidth(line)
        assert cols >= 0, f'control character: {line!r}'
        if cols > width:
            assert long_format and re.fullmatch(r'https?://\S+', line), \
                f'{cols} columns at width {width}: {line!r}'
    # The title line (and in --long its continuation) before the blank.
    head = ' '.join(lines[:lines.index('')])
    for _, title, _ in timelines:
        if not long_format and ELLIPSIS in head:
            break
        assert title in head, f'title {title!r} missing: {head!r}'
    labels = {}
    for name, _, ms in timelines:
        day = f'  {ms["day"]} Mar'
        at = [i for i, l in enumerate(lines) if l.startswith(day + ' ')]
        assert len(at) == 1, f'no line for {day!r}'
        line = lines[at[0]]
        if len(timelines) > 1:
            m = re.search(r'\[([^\]]*)\]', line)
            assert m, f'no label: {line!r}'
            assert m.group(1) not in labels, \
                f'{name} and {labels[m.group(1)]} both [{m.group(1)}]'
            labels[m.group(1)] = name
        if ms['tags'] and not long_format:
            assert '  #' in line, f'tags dropped: {line!r}'
    if long_format:
        # Labels are short by design; nothing else is cut.
        assert ELLIPSIS not in re.sub(r'\[[^\]\n]*\]', '', out), \
            'something cut in --long'
        # A word wider than a row is broken between characters: compare
        # without white space.
        joined = re.sub(r'\s+', '', out)
        for _, _, ms in timelines:
            wanted = [ms['title']] + ['#' + t for t in ms['tags']]
            if ms['location']:
                wanted.append(ms['location'])
            for h in ms['history']:
                y, mo = h.split('-')
                wanted.append(f'{MONTHS[int(mo) - 1]} {y}')
            for piece in wanted:
                assert re.sub(r'\s+', '', piece) in joined, \
                    f'{piece!r} lost'
            for link in ms['links']:
                assert re.search(r'(^|\n) *' + re.escape(link) + '\n', out), \
                    f'link {link} not whole on its line'


def main():
    binary = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    rng = random.Random(seed)
    failures = 0
    for case in range(cases):
        with tempfile.TemporaryDirectory() as root:
            timelines = make_case(rng, root)
            width = rng.choice([40, 41, 47, 53, 60, 80, 97, 120, 200])
            for long_format in (False, True):
                out = show(binary, root, width, long_format)
                try:
                    check(timelines, out, width, long_format)
                except AssertionError as e:
                    failures += 1
                    print(f'case {case} (seed {seed}), width {width}'
                          f'{" --long" if long_format else ""}: {e}')
                    print(out)
                    if failures > 3:
                        return 1
    print(f'{cases} cases, {failures} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
