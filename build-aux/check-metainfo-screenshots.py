#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every screenshot the metainfo names must be a PNG committed under the path
its URL points to, so the store listing never shows a broken image."""

import pathlib
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
prefix = 'https://raw.githubusercontent.com/ecert/inspector/main/'
problems = []
images = [e.text.strip() for e in ET.parse(sys.argv[2]).iter('image')]
if not images:
    problems.append('the metainfo names no screenshot')
for url in images:
    if not url.startswith(prefix):
        problems.append(f'{url} is not a file of the repository')
        continue
    path = root / url[len(prefix):]
    if not path.is_file():
        problems.append(f'{url}: {path} does not exist')
    elif path.read_bytes()[:8] != b'\x89PNG\r\n\x1a\n':
        problems.append(f'{path} is not a PNG')
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
