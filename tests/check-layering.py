#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Core knows nothing of GTK: no core source includes a GTK, libadwaita or
src/app header, and no compile command for a core file sees their include
directories."""

import json
import pathlib
import re
import sys

source_root = pathlib.Path(sys.argv[1])
build_root = pathlib.Path(sys.argv[2])
FORBIDDEN_INCLUDE = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|adwaita\.h|ecert-(window|application|preferences))')
FORBIDDEN_FLAG = re.compile(r'(gtk-4\.0|libadwaita|src/app)')

problems = []
for path in sorted((source_root / 'src' / 'core').rglob('*')):
    if path.suffix in ('.c', '.h', '.in') and path.is_file():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if FORBIDDEN_INCLUDE.search(line):
                problems.append(f'{path.relative_to(source_root)}:{number}: {line.strip()}')

commands = json.loads((build_root / 'compile_commands.json').read_text())
core_commands = [c for c in commands if '/src/core/' in c['file'] or c['file'].startswith('../src/core/')]
if not core_commands:
    problems.append('compile_commands.json has no command for src/core')
for entry in core_commands:
    match = FORBIDDEN_FLAG.search(entry['command'])
    if match:
        problems.append(f'{entry["file"]} is compiled with {match.group(1)} on its include path')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
