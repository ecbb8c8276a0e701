#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Core is built in layers, each of which sees only itself and the layers
below it, and none of which sees GTK. src/service, which the hub and an
office share, sees core and never a program that uses it.

Every source in src/core/LAYER/ is checked twice: its #include lines (a
header of a layer it may not see, or a library header of such a layer), and
its compile command in compile_commands.json (an include directory of a
layer or library it may not see). A problem names the file, the line or the
flag, and the edge that is not allowed."""

import json
import pathlib
import re
import sys

# The layers and which of them each may see, besides itself. cache, hub and
# mail never see each other; desk joins them.
ALLOWED = {
    'base': set(),
    'document': {'base'},
    'signature': {'base', 'document'},
    'cache': {'base', 'document', 'signature'},
    'hub': {'base', 'document', 'signature'},
    'mail': {'base', 'document', 'signature'},
    'desk': {'base', 'document', 'signature', 'cache', 'hub', 'mail'},
}

# The library each layer brings in: its headers and its include directories.
LIBRARY_HEADERS = {
    'document': re.compile(r'^libxml/'),
    'signature': re.compile(r'^gnutls/'),
    'cache': re.compile(r'^sqlite3\.h$'),
    'hub': re.compile(r'^(libsoup/|libsecret/|json-glib/)'),
    'mail': re.compile(r'^gmime/'),
}
LIBRARY_FLAGS = {
    'document': re.compile(r'-I\S*libxml2'),
    'hub': re.compile(r'-I\S*(libsoup-3\.0|libsecret-1|json-glib-1\.0)'),
    'mail': re.compile(r'-I\S*gmime-3\.0'),
}

# Never in core, whatever the layer.
FORBIDDEN_INCLUDE = re.compile(r'^(gtk/|gdk/|adwaita\.h|ecert-(window|application|preferences))')
FORBIDDEN_FLAG = re.compile(r'(gtk-4\.0|libadwaita|src/app)')

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
LAYER_DIR = re.compile(r'src/core/([a-z]+)(?=[\s/"\']|$)')

source_root = pathlib.Path(sys.argv[1])
build_root = pathlib.Path(sys.argv[2])
core = source_root / 'src' / 'core'


def includes(path):
    """Each #include of @path: where it is, its line, and the header."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = INCLUDE.match(line)
        if match:
            yield f'{path.relative_to(source_root)}:{number}: {line.strip()}', match.group(1)


def layer_of(path):
    relative = path.relative_to(core).parts
    return relative[0] if len(relative) > 1 else None


# Which layer owns each core header (generated headers included).
owner = {}
for path in core.rglob('*.h*'):
    layer = layer_of(path)
    if layer:
        owner[path.name.removesuffix('.in')] = layer
owner['ecert-core-resources.h'] = 'document'

problems = []
sources = [p for p in sorted(core.rglob('*')) if p.suffix in ('.c', '.h', '.in') and p.is_file()]
for path in sources:
    layer = layer_of(path)
    name = path.relative_to(source_root)
    if layer not in ALLOWED:
        problems.append(f'{name}: not in a layer folder ({", ".join(ALLOWED)})')
        continue
    visible = ALLOWED[layer] | {layer}
    for where, header in includes(path):
        if FORBIDDEN_INCLUDE.search(header):
            problems.append(f'{where}: core never sees GTK or the app')
        target = owner.get(header)
        if target and target not in visible:
            problems.append(f'{where}: {layer} -> {target} is not allowed')
        for library_layer, pattern in LIBRARY_HEADERS.items():
            if pattern.search(header) and library_layer not in visible:
                problems.append(f'{where}: {layer} -> {library_layer} (its library) is not allowed')

commands = json.loads((build_root / 'compile_commands.json').read_text())
core_commands = [c for c in commands if 'src/core/' in c['file']]
if not core_commands:
    problems.append('compile_commands.json has no command for src/core')
for entry in core_commands:
    match = LAYER_DIR.search(entry['file'])
    layer = match.group(1) if match else None
    if layer not in ALLOWED:
        problems.append(f'{entry["file"]} is compiled outside a layer folder')
        continue
    visible = ALLOWED[layer] | {layer}
    forbidden = FORBIDDEN_FLAG.search(entry['command'])
    if forbidden:
        problems.append(f'{entry["file"]} is compiled with {forbidden.group(1)} on its include path')
    for flag in re.findall(r'-I\S+', entry['command']):
        seen = LAYER_DIR.search(flag)
        if seen and seen.group(1) not in visible:
            problems.append(f'{entry["file"]} is compiled with {flag}: '
                            f'{layer} -> {seen.group(1)} is not allowed')
    for library_layer, pattern in LIBRARY_FLAGS.items():
        flag = pattern.search(entry['command'])
        if flag and library_layer not in visible:
            problems.append(f'{entry["file"]} is compiled with {flag.group(0)}: '
                            f'{layer} -> {library_layer} (its library) is not allowed')

# src/service: core, and nothing of the programs above it.
service = source_root / 'src' / 'service'
above = {}
for program in ('app', 'cli', 'hub', 'office', 'samples'):
    for path in (source_root / 'src' / program).rglob('*.h'):
        above[path.name] = program
for path in sorted(service.rglob('*')):
    if path.suffix not in ('.c', '.h') or not path.is_file():
        continue
    for where, header in includes(path):
        if FORBIDDEN_INCLUDE.search(header):
            problems.append(f'{where}: service never sees GTK or the app')
        elif header in above:
            problems.append(f'{where}: service -> {above[header]} is not allowed')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
