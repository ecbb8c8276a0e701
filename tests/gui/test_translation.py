#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shell speaks Simplified Chinese when the user's language is zh_CN:
the catalogue built from po/zh_CN.po reaches the window, its menu and the
shortcuts window."""

import ecertgui


def test(session):
    window = session.start_app(language='zh_CN', title='电子证书核查')
    session.find(window, 'label', '尚无证书')
    session.find(window, 'push button', '设置交换中心连接…', action='click')
    session.screenshot('zh-CN-window')

    session.click_button(window, '主菜单')
    for item in ('首选项(P)', '键盘快捷键(K)', '关于电子证书核查(A)', '退出(Q)'):
        session.find(window, 'menu item', item, action='click')
    session.screenshot('zh-CN-menu')
    session.keys('Escape')

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
