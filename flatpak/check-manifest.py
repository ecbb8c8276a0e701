#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the flatpak manifest: it parses, names the app id and the command,
grants what the app needs, and builds the app module with meson."""

import json
import sys

path, app_id, command = sys.argv[1:4]
with open(path, encoding='utf-8') as f:
    manifest = json.load(f)

problems = []
if manifest.get('id', manifest.get('app-id')) != app_id:
    problems.append(f'id is {manifest.get("id")!r}, expected {app_id!r}')
if manifest.get('command') != command:
    problems.append(f'command is {manifest.get("command")!r}, expected {command!r}')
if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    problems.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
# GTK 4.8 and libadwaita 1.2 arrived with GNOME 43.
version = str(manifest.get('runtime-version', ''))
if not version.isdigit() or int(version) < 43:
    problems.append(f'runtime-version {version!r} is older than GNOME 43')
required = {'--share=network', '--share=ipc', '--socket=wayland',
            '--socket=fallback-x11', '--device=dri'}
missing = required - set(manifest.get('finish-args', []))
if missing:
    problems.append(f'finish-args lack {sorted(missing)}')
modules = manifest.get('modules', [])
app_modules = [m for m in modules if isinstance(m, dict) and m.get('name') == 'ecert-inspector']
if not app_modules or app_modules[-1].get('buildsystem') != 'meson':
    problems.append('the last module must be ecert-inspector, built with meson')
elif modules[-1] is not app_modules[-1]:
    problems.append('the ecert-inspector module must come last')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
