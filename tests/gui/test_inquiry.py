#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An inquiry from the desk to the exporting country: a certificate fetched
from a real hub that answers by itself (--auto-reply 2), Ctrl+I, a missing
field said beside it, the form filled, Send, "Delivered", and after the next
fetch the reply in the certificate's thread. Then a draft half-written
when the application is killed (SIGKILL): after a restart it holds what was
typed up to a second before."""

import contextlib
import pathlib
import re
import sqlite3
import subprocess
import sys
import time

import ecertgui
from test_sync import first_row_numbers, preset_connection

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
from hubtest import Hub  # noqa: E402


def named(root, name):
    """Any showing node called @name, whatever its role."""
    return ecertgui.wait_for(
        lambda: next((node for node in ecertgui._walk(root)
                      if ecertgui.name_matches(node, name) and ecertgui.is_showing(node)), None),
        f'something called {name}')


def click_named(session, editor, name, role=None):
    """Scrolled into view first, as a person would."""
    node = session.find(editor, role, name) if role else named(editor, name)
    try:
        session.scroll_to(editor, node)
    except ecertgui.TestFailure:
        pass  # at the very bottom already
    session.pointer_click(node)


def open_certificate(session, window, number):
    session.keys('ctrl+l')
    session.type_text(number)
    session.keys('Return')
    session.find(window, 'push button', 'Back to the List', action='click')


def fill_form(session, editor, reason):
    status = named(editor, 'Status')
    ecertgui.log(f'status row role: {ecertgui._role_name(status)}')
    session.pointer_click(status)
    session.settle()
    session.keys('Down', 'Return')
    session.settle()
    click_named(session, editor, 'Sampled for testing', role='check box')
    click_named(session, editor, 'Reason', role='text')
    session.type_text(reason)
    click_named(session, editor, 'Inspector’s Name')
    session.type_text('Li Wei')
    click_named(session, editor, 'Place of Inspection')
    session.type_text('Shanghai port')


def draft_saved_with(session, text):
    """Whether a draft in the desk's cache holds @text, read as another
    process would: the application may be writing meanwhile."""
    cache = session.env['ECERT_CACHE']
    try:
        with contextlib.closing(sqlite3.connect(f'file:{cache}?mode=ro', uri=True,
                                                timeout=30)) as db:
            contents = db.execute('SELECT content FROM drafts').fetchall()
    except sqlite3.OperationalError:
        return False
    return any(text.encode() in bytes(content) for (content,) in contents if content)


def fetch_until(session, window, label, timeout=180):
    """Ctrl+R until a fetch brings what shows @label."""
    deadline = time.monotonic() + timeout
    while True:
        session.keys('ctrl+r')
        try:
            return session.find(window, 'label', label, timeout=15)
        except ecertgui.TestFailure:
            if time.monotonic() > deadline:
                raise


def text_of(node):
    text = node.get_text_iface()
    return text.get_text(0, text.get_character_count()) if text is not None else ''


def check_draft_survives_kill(session, window, number):
    session.keys('ctrl+i')
    editor = session.window('Inquiry or Response')
    click_named(session, editor, 'Reason', role='text')
    session.type_text('The seal number differs from the paper')
    session.find(editor, 'label', 'Draft saved. Every change is kept.', timeout=10)
    # Saved within a second of the last keystroke: once the whole reason is
    # in the cache, the process dies.
    ecertgui.wait_for(lambda: draft_saved_with(session, 'The seal number differs from the paper'),
                      'the draft saved with the whole reason', timeout=60)
    session.screenshot('draft-before-kill')
    session.app.kill()
    session.app.wait()
    session.app = None

    window = session.start_app()
    open_certificate(session, window, number)
    session.find(window, 'label', re.compile('^Draft'), showing=False)
    session.keys('ctrl+i')
    editor = session.window('Inquiry or Response')
    reason = ecertgui.wait_for(
        lambda: next((text_of(node) for node in ecertgui._walk(editor)
                      if ecertgui._role_name(node) == 'text' and
                      ecertgui._name(node) == 'Reason' and text_of(node)), None),
        'the reason typed before the kill')
    if reason != 'The seal number differs from the paper':
        raise ecertgui.TestFailure(f'the draft came back as {reason!r}')
    session.screenshot('draft-after-restart')
    session.keys('Escape')
    session.window_gone('Inquiry or Response')
    return window


def check_drafts_window(session, window, number):
    """Every unsent inquiry in one place; discarded only when confirmed."""
    session.click_button(window, 'Main Menu')
    session.click(session.find(window, 'menu item', 'Drafts', action='click'))
    drafts = session.window('Drafts')
    session.find(drafts, 'label', number)
    session.find(drafts, 'label', re.compile(r'^Last changed \d{4}-\d{2}-\d{2}\u00a0\d{2}:\d{2}:\d{2}$'))
    session.screenshot('drafts-window')
    session.click_button(drafts, f'Discard the draft about {number}')
    dialog = ecertgui.wait_for(
        lambda: next((w for w in session.windows()
                      if ecertgui._name(w) == '' or 'Discard' in ecertgui._name(w)
                      if any(ecertgui._name(n) == 'Discard the Draft?'
                             for n in ecertgui._walk(w))), None),
        'the confirmation')
    session.click(session.find(dialog, 'push button', 'Discard', showing=False, action='click'))
    session.find(drafts, 'label', 'No Drafts')
    session.screenshot('drafts-discarded')
    session.keys('Escape')


def write_png(path):
    """A small valid PNG: one red 8×8 square."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    raw = b''.join(b'\x00' + b'\xff\x00\x00' * 8 for _ in range(8))
    path.write_bytes(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 2, 0, 0, 0)) +
                     chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def add_attachment(session, editor, path):
    click_named(session, editor, 'Add…', role='push button')
    session.window('Add Attachment')
    session.keys('ctrl+l')
    session.type_text(str(path))
    session.choose_in_file_chooser('Add Attachment')


def check_attachments(session, window):
    """A photo attaches and can be removed; a file over the limit is refused
    from its size, with the reason beside the attachments."""
    photo = pathlib.Path(session.tmp) / 'seal.png'
    write_png(photo)
    huge = pathlib.Path(session.tmp) / 'scan.pdf'
    with open(huge, 'wb') as sparse:
        sparse.truncate(11 * 1024 * 1024)

    # The draft discarded in the Drafts window is gone here too: a new
    # inquiry starts empty.
    session.keys('ctrl+i')
    editor = session.window('Inquiry or Response')
    reason = session.find(editor, 'text', 'Reason')
    if text_of(reason):
        raise ecertgui.TestFailure(f'a discarded draft came back: {text_of(reason)!r}')
    add_attachment(session, editor, photo)
    session.find(editor, 'push button', 'Remove “seal.png”')
    add_attachment(session, editor, huge)
    # GLib writes sizes with a no-break space before the unit.
    session.find(editor, 'label',
                 re.compile(r'^scan\.pdf is 11\.0\sMiB; an attachment may be at most 10\.0\sMiB$'))
    session.screenshot('inquiry-attachments')
    session.click(session.find(editor, 'push button', 'Remove “seal.png”', action='click'))
    ecertgui.wait_for(lambda: session.absent(editor, 'push button', 'Remove “seal.png”'),
                      'the photo removed')
    session.keys('Escape')
    session.window_gone('Inquiry or Response')
    # Back over the main window, where the keyboard then goes.
    subprocess.run(['xdotool', 'mousemove', '400', '400'], env=session.env, check=True)


def test(session):
    hub = Hub(count=20)
    hub.start('--auto-reply', '2')
    try:
        preset_connection(session, hub)
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')
        window = session.start_app()
        session.keys('ctrl+r')
        numbers = ecertgui.wait_for(lambda: first_row_numbers(window, 1) or None,
                                    'a certificate in the list', timeout=60)
        open_certificate(session, window, numbers[0])

        session.keys('ctrl+i')
        editor = session.window('Inquiry or Response')
        session.find(editor, 'label', 'Choose a status')
        session.screenshot('inquiry-empty')

        fill_form(session, editor, 'Is this certificate authentic?')
        ecertgui.wait_for(lambda: session.absent(editor, 'label', 'Choose a status') and
                          session.absent(editor, 'label', 'Enter the inspector’s name'),
                          'the form complete')
        session.find(editor, 'label', 'Draft saved. Every change is kept.')
        session.screenshot('inquiry-filled')

        # Alt+V shows the exact XML that Send will deliver.
        session.keys('alt+v')
        xml = ecertgui.wait_for(
            lambda: next((text_of(node) for node in ecertgui._walk(editor)
                          if ecertgui._role_name(node) == 'text' and
                          ecertgui._name(node) == 'XML to Be Sent' and
                          'SPSAcknowledgement' in text_of(node)), None),
            'the XML preview')
        if 'Is this certificate authentic?' not in xml or numbers[0] not in xml:
            raise ecertgui.TestFailure(f'the preview lacks the reason or the number: {xml[:300]}')
        session.screenshot('inquiry-preview')
        session.keys('ctrl+Return')
        session.window_gone('Inquiry or Response')

        # Sent at once; the exporting NPPO answers two seconds after it has
        # it, or later on a busy machine: fetch until the reply arrives, and
        # it is announced as it does.
        session.find(window, 'label', re.compile('^(Sent, waiting for delivery|Delivered)$'),
                     timeout=60)
        fetch_until(session, window, '1 new inquiry or response')
        session.find(window, 'label', 'Delivered', timeout=60)
        session.find(window, 'label', 'Received', timeout=60)
        # When it was sent, as every reader reads it: ISO date, 24-hour time.
        session.find(window, 'label', re.compile(
            r'^Document requested · You · \d{4}-\d{2}-\d{2}\u00a0\d{2}:\d{2}:\d{2}$'))
        session.scroll_to(window, session.find(window, 'label', 'Delivered'))
        session.screenshot('inquiry-thread')

        window = check_draft_survives_kill(session, window, numbers[0])
        check_drafts_window(session, window, numbers[0])
        check_attachments(session, window)
        session.quit_with_ctrl_q()
    finally:
        hub.stop()
        hub.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
