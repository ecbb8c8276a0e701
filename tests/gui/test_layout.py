#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window at the sizes people use it: a phone-sized 360 px, where the
list keeps the number, the country and the verdict and a certificate
replaces the list; a full HD screen, where the list and the certificate
stand side by side; and the dark style and Simplified Chinese on the same
screens."""

import importlib.util
import os
import pathlib

import ecertgui

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location('gui_test_list', HERE / 'test_list.py')
test_list = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(test_list)


def column_header_showing(window, title):
    return any(ecertgui._role_name(node) == 'label' and ecertgui._name(node) == title and
               ecertgui.is_showing(node) and
               ecertgui._role_name(node.get_parent()) in ('column header', 'push button', 'panel')
               for node in ecertgui._walk(window))


def listed_numbers(window):
    """The numbers in the list's rows (not those a certificate shows)."""
    return sorted({ecertgui._name(node) for node in ecertgui._walk(window)
                   if ecertgui._role_name(node) == 'label' and
                   ecertgui._name(node).startswith('NZ-2026-') and
                   ecertgui._role_name(node.get_parent()) == 'table cell'})


def open_first(session, window):
    session.keys('ctrl+f')
    session.type_text('000003')
    ecertgui.wait_for(lambda: listed_numbers(window) == ['NZ-2026-000003'],
                      'the search to narrow the list to NZ-2026-000003')
    session.keys('Down', 'Return')


def test(session):
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    test_list.fill_cache(cache)
    session.env['ECERT_CACHE'] = str(cache)
    # The desk trusts New Zealand's root, as the import did.
    session.trust_anchor('NZ', test_list.PKI / 'nz-root.pem')

    # Narrow: a phone, or a window beside another on a small screen.
    window = session.start_app()
    ecertgui.wait_for(lambda: len(test_list.numbers_shown(session, window)) >= 5,
                      'the list of cached certificates')
    _, _, window_id = session.x_window_geometry('E-Cert Inspector')
    session.resize_x_window(window_id, 360, 720)
    ecertgui.wait_for(lambda: not column_header_showing(window, 'Consignee'),
                      'the consignee column to give way at 360 px')
    session.find(window, 'label', 'Number')
    session.screenshot('narrow-list')
    open_first(session, window)
    session.find(window, 'push button', 'Back to the List', action='click')
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    session.screenshot('narrow-certificate')
    session.keys('alt+Left')
    session.find(window, 'entry', 'Search Certificates')

    # Full HD: the list and the certificate side by side, no Back needed.
    session.resize_x_window(window_id, 1900, 1000)
    ecertgui.wait_for(lambda: column_header_showing(window, 'Consignee'),
                      'every column at full width')
    session.find(window, 'label', 'No Certificate Open')
    session.screenshot('wide-list')
    open_first(session, window)
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    session.find(window, 'entry', 'Search Certificates')
    if not session.absent(window, 'push button', 'Back to the List'):
        raise ecertgui.TestFailure('Back is shown although the list is beside the certificate')
    session.screenshot('wide-certificate')
    session.quit_with_ctrl_q()

    # The dark style, as the desktop asks for it, on the same screens.
    session.env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
    window = session.start_app()
    ecertgui.wait_for(lambda: len(test_list.numbers_shown(session, window)) >= 5,
                      'the list in the dark style')
    open_first(session, window)
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    session.screenshot('dark-certificate')
    session.keys('ctrl+l')
    session.type_text('NZ-2026-999999')
    session.keys('Return')
    session.find(window, 'label', 'No e-certificate numbered NZ-2026-999999 has been received')
    session.screenshot('dark-paper-check')
    session.quit_with_ctrl_q()
    del session.env['ADW_DEBUG_COLOR_SCHEME']

    # Simplified Chinese. With New Zealand's anchor among the desk's, the
    # verdict's reason, stored in English by the import, is said again in
    # Chinese.
    window = session.start_app(language='zh_CN', title='电子证书核查')
    ecertgui.wait_for(lambda: len(test_list.numbers_shown(session, window)) >= 5,
                      'the list in Chinese')
    session.find(window, 'label', '签名')
    session.screenshot('zh-list')
    open_first(session, window)
    session.find(window, 'label', '文件')
    session.find(window, 'label', '签名完好，且签名者受新西兰（NZ）的信任锚信任')
    session.screenshot('zh-certificate')
    session.keys('ctrl+l')
    session.type_text('NZ-2026-999999')
    session.keys('Return')
    session.find(window, 'label', '尚未收到编号为 NZ-2026-999999 的电子证书')
    session.screenshot('zh-paper-check')
    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
