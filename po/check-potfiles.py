#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when a file with translatable strings is missing from po/POTFILES.in,
when POTFILES.in names a file that does not exist, or when it is not sorted."""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
C_MARKERS = re.compile(r'\b(?:_|N_|C_|NC_|g_dgettext|g_dngettext|ngettext)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true)"')
DATA_MARKERS = {
    '.desktop.in.in': re.compile(r'^(?:Name|GenericName|Comment|Keywords)=', re.M),
    '.metainfo.xml.in.in': re.compile(r'<(?:name|summary|p|li|caption)\b'),
    '.gschema.xml': re.compile(r'<(?:summary|description)\b'),
}


def read_list(name):
    path = root / 'po' / name
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text().splitlines()
            if line.strip() and not line.startswith('#')]


def has_strings(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    name = path.name
    if name.endswith(('.c', '.h')):
        return bool(C_MARKERS.search(text))
    if name.endswith('.ui'):
        return bool(UI_MARKER.search(text))
    for suffix, marker in DATA_MARKERS.items():
        if name.endswith(suffix):
            return bool(marker.search(text))
    return False


listed = read_list('POTFILES.in')
skipped = set(read_list('POTFILES.skip'))
problems = []

if listed != sorted(listed):
    problems.append('po/POTFILES.in is not sorted')
if len(listed) != len(set(listed)):
    problems.append('po/POTFILES.in lists a file twice')
for name in listed:
    if not (root / name).is_file():
        problems.append(f'po/POTFILES.in lists {name}, which does not exist')

candidates = []
for top in ('src', 'ui', 'data'):
    candidates += [p for p in (root / top).rglob('*') if p.is_file()]
for path in sorted(candidates):
    name = path.relative_to(root).as_posix()
    if name in skipped or name in listed:
        continue
    if has_strings(path):
        problems.append(f'{name} has translatable strings but is not in po/POTFILES.in')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
