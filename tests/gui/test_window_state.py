#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window size set in one run is restored in the next."""

import ecertgui
from ecertgui import TestFailure

TITLE = 'E-Cert Inspector'


def test(session):
    session.start_app()
    width, height, window_id = session.x_window_geometry(TITLE)
    ecertgui.log(f'first run opened at {width}x{height}')
    target = (width - 173, height - 91)
    # What a window manager does when the user drags the window's corner.
    session.resize_x_window(window_id, *target)
    ecertgui.wait_for(lambda: session.x_window_geometry(TITLE)[:2] == target,
                      f'the window to become {target[0]}x{target[1]}')
    session.screenshot('resized')
    session.quit_with_ctrl_q()

    session.start_app()
    restored = ecertgui.wait_for(lambda: session.x_window_geometry(TITLE)[:2],
                                 'the second window')
    session.screenshot('restored')
    if restored != target:
        raise TestFailure(f'the second run opened at {restored[0]}x{restored[1]}, '
                          f'not the {target[0]}x{target[1]} the first run was left at')
    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
