#!/usr/bin/env python3
"""Every line of every text golden fits its width, measured independently.

For each tests/text/*.txt and exports/*.txt golden, the width it was drawn
for comes from its name (STEM.wWIDTH..., exports at 80), colour sequences
are removed, and each line is measured in terminal columns with the
wcwidth module (East Asian Wide and emoji two, combining marks none).  No
line may be wider than the width, except in the long format a link longer
than the width, which must then stand alone at the start of its line.

    text_widths.py TESTS-TEXT-DIR EXPORTS-DIR
Exit status 77 (skipped) when the wcwidth module is missing.
"""
import glob
import os
import re
import sys

try:
    import wcwidth
except ImportError:
    print('the wcwidth module is missing (Debian: python3-wcwidth)')
    sys.exit(77)

SGR = re.compile(r'\x1b\[[0-9;]*m')
LINK = re.compile(r'https?://\S+')


def check(path, width, long_format):
    bad = []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    for n, line in enumerate(text.split('\n')[:-1], 1):
        plain = SGR.sub('', line)
        cols = wcwidth.wcswidth(plain)
        if cols < 0:
            bad.append(f'{path}:{n}: a control character')
            continue
        if cols <= width:
            continue
        if long_format and LINK.fullmatch(plain):
            continue  # a link wider than the width, alone on its line
        bad.append(f'{path}:{n}: {cols} columns, wider than {width}: '
                   f'{plain!r}')
    return bad


def main():
    text_dir, exports_dir = sys.argv[1], sys.argv[2]
    bad = []
    count = 0
    for path in sorted(glob.glob(os.path.join(text_dir, '*.txt'))):
        m = re.search(r'\.w(\d+)[.]', os.path.basename(path))
        if m is None:
            bad.append(f'{path}: no width in the name')
            continue
        bad += check(path, int(m.group(1)), '.long.' in path)
        count += 1
    # scripts/exports draws the text export 80 columns wide, long.
    for path in sorted(glob.glob(os.path.join(exports_dir, '*.txt'))):
        bad += check(path, 80, True)
        count += 1
    if count == 0:
        bad.append('no golden file found')
    for line in bad:
        print(line)
    print(f'{count} files checked, {len(bad)} problems')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
