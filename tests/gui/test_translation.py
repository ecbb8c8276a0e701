#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window speaks Simplified Chinese when the user's language is zh_CN:
the empty state and the menu, then, with certificates in the cache, the
list, a certificate and the shortcuts window — also in the dark style."""

import os
import pathlib
import subprocess

import ecertgui

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent


def fill_cache(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    ecertgui.write_corpus(corpus, 12)
    subprocess.run([ECERT, 'import', '--cache', str(cache),
                    '--trust', f'NZ={SOURCE / "tests" / "data" / "pki" / "nz-root.pem"}',
                    str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return cache


def test(session):
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'empty.sqlite3')
    window = session.start_app(language='zh_CN', title='电子证书核查')
    session.find(window, 'label', '尚无证书')
    session.find(window, 'push button', '设置交换中心连接…', action='click')
    session.screenshot('zh-CN-window')

    session.click_button(window, '主菜单')
    for item in ('导入证书(I)…', '首选项(P)', '键盘快捷键(K)', '关于电子证书核查(A)', '退出(Q)'):
        session.find(window, 'menu item', item, action='click')
    session.screenshot('zh-CN-menu')
    session.keys('Escape')
    session.quit_with_ctrl_q()

    session.env['ECERT_CACHE'] = str(fill_cache(session))
    # The desk trusts New Zealand's root, as the import did.
    session.trust_anchor('NZ', SOURCE / 'tests' / 'data' / 'pki' / 'nz-root.pem')
    for style in ('light', 'dark'):
        # libadwaita's own switch for the colour scheme, as the system sets it.
        session.env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark' if style == 'dark' else 'default'
        window = session.start_app(language='zh_CN', title='电子证书核查')
        session.find(window, 'label', '签名有效')
        session.find(window, 'entry', '搜索证书')
        session.screenshot(f'zh-CN-list-{style}')

        session.keys('ctrl+l')
        session.type_text('NZ-2026-000003')
        session.keys('Return')
        session.find(window, 'push button', '返回列表', action='click')
        session.find(window, 'label', '签名有效')
        session.screenshot(f'zh-CN-certificate-{style}')

        session.keys('ctrl+question')
        session.window('键盘快捷键')
        session.screenshot(f'zh-CN-shortcuts-{style}')
        session.keys('Escape')
        session.window_gone('键盘快捷键')
        session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
