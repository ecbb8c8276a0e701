#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check every translation named in po/LINGUAS: `msgfmt --check` passes, and,
against a template extracted from the current sources, nothing is untranslated
or fuzzy, so a language we ship is complete."""

import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
po_dir = root / 'po'

# The same keywords meson's 'glib' preset gives xgettext.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

languages = [line.strip() for line in (po_dir / 'LINGUAS').read_text().splitlines()
             if line.strip() and not line.startswith('#')]
if not languages:
    print('po/LINGUAS names no language')
    sys.exit(1)

failed = False
with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / 'template.pot'
    subprocess.run(['xgettext', '--package-name=ecert-inspector', '--directory', str(root),
                    '--files-from', str(po_dir / 'POTFILES.in'), '--output', str(pot),
                    *XGETTEXT_ARGS], check=True)
    for lang in languages:
        po = po_dir / f'{lang}.po'
        if not po.exists():
            print(f'{lang}: po/{lang}.po is missing')
            failed = True
            continue
        check = subprocess.run(['msgfmt', '--check', '--output-file=/dev/null', str(po)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            print(f'{lang}: msgfmt --check failed:\n{check.stderr}')
            failed = True
            continue
        merged = pathlib.Path(tmp) / f'{lang}.po'
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file',
                        str(merged), str(po), str(pot)], check=True)
        stats = subprocess.run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null',
                                str(merged)], capture_output=True, text=True)
        print(f'{lang}: {stats.stderr.strip()}')
        if re.search(r'(untranslated|fuzzy)', stats.stderr):
            missing = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', str(merged)],
                                     capture_output=True, text=True).stdout
            print(f'{lang}: incomplete; these strings need a translation:\n{missing}')
            failed = True

sys.exit(1 if failed else 0)
