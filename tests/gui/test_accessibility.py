#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader hears: every control of the main screens has a
name of its own, not its widget class, not nothing, and not its label twice
(mnemonic and all). The list with its filters open over twelve
certificates, the filters' popups, a certificate, the inquiry editor and
its popups, Drafts, each page of Preferences and the shortcuts window are
read whole. Then Tab goes round the inquiry editor and comes back without
being held anywhere on the way."""

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
# More than the editor has Tab stops, with room to spare.
TAB_LIMIT = 40


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


def focused(root):
    """The node that reports the keyboard focus, or None. States are read
    afresh: AT-SPI keeps those it has read, and the focus moves on."""
    root.clear_cache()
    found = []
    for node in ecertgui._walk(root):
        try:
            if node.get_state_set().contains(ecertgui.Atspi.StateType.FOCUSED):
                found.append(node)
        except ecertgui.gi.repository.GLib.Error:
            continue
    if len(found) > 1:
        ecertgui.log(f'focused: {[describe_focus(n) for n in found]}')
    return found[-1] if found else None


def describe_focus(node):
    return f'{ecertgui._role_name(node)} {ecertgui._name(node)!r}' if node is not None else 'nothing'


def check_tab_cycle(session, editor):
    """Tab from the reason goes through Send and Close and back to it. Send
    is a Tab stop once the form is complete."""
    fill_form(session, editor, 'Is this certificate authentic?')
    start = session.find(editor, 'text', 'Reason')
    session.pointer_click(start)
    ecertgui.wait_for(lambda: focused(editor) is not None and
                      ecertgui._name(focused(editor)) == 'Reason',
                      'the focus in the reason')
    reached = []
    for _ in range(TAB_LIMIT):
        before = describe_focus(focused(editor))
        session.keys('Tab')
        # Where the focus rests is read once it has left the node that had
        # it. GTK 4.8 says no entry row has it: the focus is then nowhere
        # that says so, which is a move too.
        try:
            node = ecertgui.wait_for(lambda: [n for n in [focused(editor)]
                                              if describe_focus(n) != before],
                                     f'the focus to leave {before} on Tab', timeout=2)[0]
        except ecertgui.TestFailure:
            node = focused(editor)
        reached.append(describe_focus(node))
        ecertgui.log(f'Tab: {reached[-1]}')
        if node is not None and ecertgui._name(node) == 'Reason' and \
                ecertgui._role_name(node) == 'text':
            break
    else:
        raise ecertgui.TestFailure(f'Tab did not come back to the reason within {TAB_LIMIT} '
                                   f'presses: {reached}')
    ecertgui.log(f'Tab order: {reached}')
    for name in ('Send', 'Close'):
        if not any(stop.endswith(f'{name!r}') for stop in reached):
            raise ecertgui.TestFailure(f'Tab never reached {name}: {reached}')


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
    check_tab_cycle(session, editor)
    # The form filled for the Tab cycle is a draft for the Drafts window.
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

    session.keys('ctrl+comma')
    preferences = session.window('Preferences')
    tabs = ecertgui.wait_for(
        lambda: [node for node in ecertgui._walk(preferences)
                 if ecertgui._role_name(node) == 'page tab' and ecertgui.is_showing(node)],
        'the pages of Preferences')
    for name in [ecertgui._name(tab) for tab in tabs]:
        session.click(session.find(preferences, 'page tab', name, action='click'))
        session.settle()
        session.screenshot(f'preferences-{name.lower()}')
        audit.read(f'preferences {name}', preferences)
    session.keys('Escape')
    session.window_gone('Preferences')

    session.keys('ctrl+question')
    shortcuts = session.window('Keyboard Shortcuts')
    session.find(shortcuts, 'label', 'Quit')
    session.screenshot('shortcuts')
    audit.read('shortcuts', shortcuts)
    session.keys('Escape')
    session.window_gone('Keyboard Shortcuts')

    audit.check()
    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
