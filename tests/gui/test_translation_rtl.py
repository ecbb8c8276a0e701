#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window speaks Arabic when the user's language is ar, and is laid out
right to left: the header bar's buttons, the list's columns and the search
bar are mirrored, and a certificate's number and dates keep their own
left-to-right order inside the Arabic lines. The empty state and the menu,
then, with certificates in the cache, the list, a certificate and the
shortcuts window, also in the dark style."""

import os
import pathlib
import re
import subprocess

import ecertgui
from ecertgui import Atspi, TestFailure

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
TITLE = 'فاحص الشهادات الإلكترونية'
# What the certificate view wraps a value in, in a right-to-left window.
# A value with no right-to-left letter is embedded left to right.
FSI, PDI = '\u202a', '\u202c'


def fill_cache(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    ecertgui.write_corpus(corpus, 12)
    subprocess.run([ECERT, 'import', '--cache', str(cache),
                    '--trust', f'NZ={SOURCE / "tests" / "data" / "pki" / "nz-root.pem"}',
                    str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return cache


def extents(node):
    return node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)


def centre_x(node):
    box = extents(node)
    return box.x + box.width / 2


def expect(condition, what):
    if not condition:
        raise TestFailure(what)


def in_start_half(window, node, what):
    """In a right-to-left window, the start of a line is on the right."""
    expect(centre_x(node) > extents(window).width / 2,
           f'{what} is on the left: the window is not laid out right to left')


def in_end_half(window, node, what):
    expect(centre_x(node) < extents(window).width / 2,
           f'{what} is on the right: the window is not laid out right to left')


def test(session):
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'empty.sqlite3')
    window = session.start_app(language='ar', title=TITLE)
    session.find(window, 'label', 'لا توجد شهادات بعد')
    session.find(window, 'push button', 'ضبط الاتصال بالمركز…', action='click')
    # The main menu ends the header bar: on the left, in Arabic.
    in_end_half(window, session.find(window, 'push button', 'القائمة الرئيسية', action='click'),
                'the main menu button')
    in_end_half(window, session.find(window, 'push button', 'جلب الشهادات الجديدة'),
                'the fetch button')
    session.screenshot('ar-window')

    session.click_button(window, 'القائمة الرئيسية')
    for item in ('افحص شهادة ورقية…', 'المسودات', 'استيراد الشهادات…', 'التفضيلات',
                 'اختصارات لوحة المفاتيح', 'عن فاحص الشهادات الإلكترونية', 'اخرج'):
        session.find(window, 'menu item', item, action='click')
    session.screenshot('ar-menu')
    session.keys('Escape')
    session.quit_with_ctrl_q()

    session.env['ECERT_CACHE'] = str(fill_cache(session))
    # The desk trusts New Zealand's root, as the import did.
    session.trust_anchor('NZ', SOURCE / 'tests' / 'data' / 'pki' / 'nz-root.pem')
    for style in ('light', 'dark'):
        # libadwaita's own switch for the colour scheme, as the system sets it.
        session.env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark' if style == 'dark' else 'default'
        window = session.start_app(language='ar', title=TITLE)
        session.find(window, 'label', 'توقيع صالح')
        search = session.find(window, 'entry', 'البحث في الشهادات')
        filters = session.find(window, 'push button', 'عوامل التصفية', action='click')
        # The search entry starts the bar, the filters button ends it.
        expect(centre_x(filters) < centre_x(search),
               'the filters button is right of the search entry: the bar is not mirrored')
        # The number is the list's first column: the rightmost.
        number = session.find(window, 'label', 'الرقم')
        country = session.find(window, 'label', 'البلد المصدِّر')
        expect(centre_x(number) > centre_x(country),
               'the number column is left of the country column: the list is not mirrored')
        in_start_half(window, number, 'the number column')
        session.find(window, 'label', 'NZ-2026-000003')
        session.screenshot(f'ar-list-{style}')

        session.keys('ctrl+l')
        session.type_text('NZ-2026-000003')
        session.keys('Return')
        back = session.find(window, 'push button', 'العودة إلى القائمة', action='click')
        session.find(window, 'label', 'توقيع صالح')
        # Back to the list starts the header bar: on the right, its arrow
        # pointing right; the main menu stays on the left.
        in_start_half(window, back, 'the back button')
        in_end_half(window, session.find(window, 'push button', 'القائمة الرئيسية',
                                         action='click'), 'the main menu button')
        # The number and the date of issue are set apart from the Arabic
        # around them, so that they read left to right as written.
        session.find(window, 'label', f'{FSI}NZ-2026-000003{PDI}')
        session.find(window, 'label', re.compile(
            f'^{FSI}\\d{{4}}-\\d{{2}}-\\d{{2}} \\d{{2}}:\\d{{2}}:\\d{{2}} [+-]\\d{{2}}:\\d{{2}}{PDI}$'))
        session.screenshot(f'ar-certificate-{style}')

        # GTK 4.8 gives an expander no action to call through AT-SPI: clicked
        # as a mouse would.
        details = session.find(window, 'push button', 'تفاصيل التوقيع')
        session.pointer_click(details)
        session.find(window, 'label', 'التحويل القياسي')
        session.find(window, 'label', f'{FSI}RSA PKCS#1 v1.5 SHA-256{PDI}')
        session.screenshot(f'ar-signature-details-{style}')

        session.keys('ctrl+question')
        session.window('اختصارات لوحة المفاتيح')
        session.screenshot(f'ar-shortcuts-{style}')
        session.keys('Escape')
        session.window_gone('اختصارات لوحة المفاتيح')
        session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
