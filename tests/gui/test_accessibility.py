#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader hears: every control of the main screens has a
name of its own, not its widget class, not nothing, and not its label twice
(mnemonic and all). The list with its filters open over twelve
certificates, the filters' popups, a certificate, the inquiry editor and
its popups, and Drafts are read whole."""

import pathlib
import re
import subprocess
import tempfile

import ecertgui
from test_inquiry import fill_form

ECERT = ecertgui.os.environ['ECERT']
PKI = pathlib.Path(__file__).resolve().parent.parent / 'data' / 'pki'

# What a user can reach and act on.
ACTIONABLE = {'push button', 'toggle button', 'entry', 'text', 'password text', 'check box',
              'radio button', 'combo box', 'menu item', 'check menu item', 'radio menu item',
              'list item', 'link', 'page tab', 'switch', 'spin button', 'slider'}
# Focusable too, but as what holds the controls, or what a control is made
# of: a screen reader names the list, the pane or the button around them.
HOLDERS = {'scroll pane', 'list', 'table', 'tree table', 'panel', 'filler', 'label'}
WIDGET_CLASS = re.compile(r'^(Gtk|Adw)[A-Z]')


def doubled(name):
    """Whether @name is one label said twice, as "_Send Send" or "Send Send"."""
    for index, char in enumerate(name):
        if char == ' ':
            left, right = name[:index], name[index + 1:]
            if left and left.replace('_', '') == right:
                return True
    return False


def problem(node):
    name = ecertgui._name(node).strip()
    if not name:
        return 'no name'
    if WIDGET_CLASS.search(name):
        return 'named by its widget class'
    if doubled(name):
        return 'named twice'
    return None


def audited(node):
    try:
        states = node.get_state_set()
    except ecertgui.gi.repository.GLib.Error:
        return False
    role = ecertgui._role_name(node)
    return ((role in ACTIONABLE or
             (role not in HOLDERS and states.contains(ecertgui.Atspi.StateType.FOCUSABLE))) and
            ecertgui.is_showing(node))


class Audit:
    def __init__(self):
        self.found = {}

    def read(self, screen, root):
        """Every problem of what @root shows, under the name of @screen."""
        problems = []
        seen = set()
        for node in ecertgui._walk(root, list_rows=ecertgui.VISIBLE_ROWS):
            if not audited(node):
                continue
            what = problem(node)
            if what is None:
                continue
            shown = next((ecertgui._name(n) for n in ecertgui._walk(node, max_depth=4)
                          if ecertgui._role_name(n) == 'label' and ecertgui._name(n)), '')
            line = (f'{ecertgui._role_name(node)} {ecertgui._name(node)!r}'
                    f'{f" (showing {shown!r})" if shown else ""}: {what}')
            if line not in seen:
                seen.add(line)
                problems.append(line)
        self.found[screen] = problems
        ecertgui.log(f'{screen}: {len(problems)} unnamed or misnamed')
        for line in problems:
            ecertgui.log(f'  {line}')

    def check(self):
        total = sum(len(problems) for problems in self.found.values())
        summary = ', '.join(f'{screen} {len(problems)}' for screen, problems in self.found.items())
        ecertgui.log(f'audit: {summary}')
        if total:
            raise ecertgui.TestFailure(f'{total} controls without a name of their own: {summary}')


def fill_cache(cache, count):
    corpus = pathlib.Path(tempfile.mkdtemp(prefix='ecert-gui-corpus-'))
    ecertgui.write_corpus(corpus, count)
    subprocess.run([ECERT, 'import', '--cache', str(cache), '--trust', f'NZ={PKI / "nz-root.pem"}',
                    str(corpus)], check=True, stdout=subprocess.DEVNULL)


def rows_shown(window):
    return [node for node in ecertgui._walk(window, list_rows=ecertgui.VISIBLE_ROWS)
            if ecertgui._role_name(node) == 'label' and
            ecertgui._name(node).startswith('NZ-2026-')]


def popup_open(session, root, combo, option):
    """Opens the popup of @combo, as a click does, until @option shows."""
    try:
        session.scroll_to(root, combo)
    except ecertgui.TestFailure:
        pass  # at the very bottom already
    session.pointer_click(combo)
    return ecertgui.wait_for(
        lambda: next((node for node in ecertgui._walk(root)
                      if ecertgui._role_name(node) == 'label' and
                      ecertgui._name(node) == option and ecertgui.is_showing(node)), None),
        f'the popup of {ecertgui._name(combo)!r} with {option!r}')


def audit_popup(session, audit, screen, root, combo, option):
    popup_open(session, root, combo, option)
    session.screenshot(screen)
    audit.read(screen, root)
    session.keys('Escape')
    ecertgui.wait_for(lambda: session.absent(root, 'label', option), f'the popup of {screen} closed')


def test(session):
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    fill_cache(cache, 12)
    session.env['ECERT_CACHE'] = str(cache)
    session.trust_anchor('NZ', PKI / 'nz-root.pem')
    audit = Audit()

    window = session.start_app()
    ecertgui.wait_for(lambda: len(rows_shown(window)) >= 12, 'the twelve certificates listed')
    session.click(session.find(window, 'push button', re.compile('Filters'), action='click'))
    status = session.find(window, 'combo box', re.compile('^Status'))
    session.find(window, 'text', 'Issued From')
    session.screenshot('list-filters')
    audit.read('list', window)
    audit_popup(session, audit, 'status-filter-popup', window, status, 'Withdrawn')

    session.keys('ctrl+l')
    session.type_text('NZ-2026-000007')
    session.keys('Return')
    session.find(window, 'push button', 'Back to the List', action='click')
    session.find(window, 'label', 'Valid signature')
    session.screenshot('certificate')
    audit.read('certificate', window)

    session.keys('ctrl+i')
    editor = session.window('Inquiry or Response')
    session.find(editor, 'label', 'Choose a status')
    session.screenshot('inquiry')
    audit.read('inquiry', editor)
    audit_popup(session, audit, 'inquiry-status-popup', editor,
                session.find(editor, 'combo box', re.compile('Status')), 'Document requested')
    audit_popup(session, audit, 'inquiry-language-popup', editor,
                session.find(editor, 'combo box', re.compile('Language')), 'French')
    fill_form(session, editor, 'Is this certificate authentic?')
    # The form filled is a draft for the Drafts window.
    session.find(editor, 'label', 'Draft saved. Every change is kept.')
    session.keys('Escape')
    session.window_gone('Inquiry or Response')

    subprocess.run(['xdotool', 'mousemove', '400', '400'], env=session.env, check=True)
    session.click_button(window, 'Main Menu')
    session.click(session.find(window, 'menu item', 'Drafts', action='click'))
    drafts = session.window('Drafts')
    session.find(drafts, 'label', 'NZ-2026-000007')
    session.screenshot('drafts')
    audit.read('drafts', drafts)
    session.keys('Escape')
    session.window_gone('Drafts')

    audit.check()
    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
