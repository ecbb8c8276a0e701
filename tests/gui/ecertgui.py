# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the real E-Cert Inspector through the accessibility tree.

Each session gets its own Xvfb display, a private D-Bus session bus (which
activates a private AT-SPI bus), and temporary XDG directories with the
keyfile GSettings backend, so tests never touch the developer's desktop and
settings written in one run are there for the next run of the same session.

Widgets are found by accessible role and name, never by position. Keys are
typed through the X server with XTest (xdotool), as a keyboard would.
"""

import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

APP_BINARY = os.environ.get('ECERT_INSPECTOR', 'ecert-inspector')
SCREENSHOT_DIR = os.environ.get('ECERT_SCREENSHOT_DIR', os.getcwd())
# How long a step may wait for what it expects. It is a limit, not a pause:
# a step goes on as soon as the window shows what it waits for; a loaded
# two-core machine can take many times longer than a quiet one.
DEFAULT_TIMEOUT = 60
# More rows of a list than the tallest window the tests open shows.
VISIBLE_ROWS = 60


class TestFailure(Exception):
    pass


_START = time.monotonic()


def log(message):
    print(f'[{time.monotonic() - _START:6.2f}s] {message}', flush=True)


def wait_for(predicate, what, timeout=DEFAULT_TIMEOUT):
    """Poll predicate until it returns something true; fail naming what."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = predicate()
        except gi.repository.GLib.Error:
            # A widget went away while its tree was read: read it again.
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise TestFailure(f'timed out after {timeout}s waiting for {what}')
        time.sleep(0.1)


def _role_name(node):
    try:
        return node.get_role_name()
    except gi.repository.GLib.Error:
        return ''


def _name(node):
    try:
        return node.get_name() or ''
    except gi.repository.GLib.Error:
        return ''


def _walk(node, depth=0, max_depth=60, skip_lists=False, list_rows=None):
    """@node and what is under it, depth first. With @skip_lists, not the
    rows of lists (certificates, preference rows): a window's labels,
    buttons and toasts are found without reading hundreds of rows, which
    on a loaded machine takes longer than a toast stays. With @list_rows,
    only that many rows of each list: those a window has room for."""
    if node is None or depth > max_depth:
        return
    yield node
    is_list = depth > 0 and _role_name(node) == 'list'
    if skip_lists and is_list:
        return
    try:
        count = node.get_child_count()
    except gi.repository.GLib.Error:
        return
    if is_list and list_rows is not None:
        count = min(count, list_rows)
    for index in range(count):
        try:
            child = node.get_child_at_index(index)
        except gi.repository.GLib.Error:
            continue
        yield from _walk(child, depth + 1, max_depth, skip_lists, list_rows)


def name_matches(node, name):
    actual = _name(node)
    if isinstance(name, re.Pattern):
        return name.search(actual) is not None
    # GTK 4.8 names a button by its label (mnemonic underscore included)
    # and again by its label child.
    return actual.replace('_', '') in (name, f'{name} {name}')


def has_action(node, action_name):
    action = node.get_action_iface()
    if action is None:
        return False
    return any(action.get_action_name(i) == action_name for i in range(action.get_n_actions()))


def is_showing(node):
    # GTK 4.8 reports SHOWING only on toplevels; a child is on screen when it
    # and every ancestor up to its toplevel are VISIBLE.
    while node is not None:
        states = node.get_state_set()
        if not states.contains(Atspi.StateType.VISIBLE):
            return False
        if _role_name(node) in ('frame', 'dialog', 'window', 'alert'):
            return states.contains(Atspi.StateType.SHOWING)
        node = node.get_parent()
    return True


def describe(node, depth=0):
    """The subtree as text, for failure messages."""
    lines = []
    for child in _walk(node):
        lines.append(f'{_role_name(child)} {_name(child)!r}')
    return '\n'.join(lines[:200])


class Session:
    def __init__(self, name):
        self.name = name
        self.step = 0
        self.tmp = tempfile.mkdtemp(prefix=f'ecert-gui-{name}-')
        self.processes = []
        self.app = None
        self.env = dict(os.environ)
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)

    # -- environment ---------------------------------------------------------

    def __enter__(self):
        self._start_xvfb()
        self._start_compositor()
        self._start_dbus()
        for var in ('XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME',
                    'XDG_RUNTIME_DIR', 'HOME'):
            path = os.path.join(self.tmp, var.lower())
            os.makedirs(path, mode=0o700, exist_ok=True)
            self.env[var] = path
        self.env['GSETTINGS_BACKEND'] = 'keyfile'
        self.env['GTK_A11Y'] = 'atspi'
        self.env['NO_AT_BRIDGE'] = '0'
        self.env['GDK_BACKEND'] = 'x11'
        # Software rendering: Xvfb has no GPU, and screenshots must be stable.
        self.env['GSK_RENDERER'] = 'cairo'
        self.env['LANGUAGE'] = 'en'
        self.env['LC_ALL'] = 'C.UTF-8'
        self.env.pop('WAYLAND_DISPLAY', None)
        # The test process reads the same buses as the application.
        os.environ['DISPLAY'] = self.env['DISPLAY']
        os.environ['DBUS_SESSION_BUS_ADDRESS'] = self.env['DBUS_SESSION_BUS_ADDRESS']
        Atspi.init()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is not None:
            log(f'FAILED: {exc}')
            try:
                self.screenshot('failure')
                if self.app_node() is not None:
                    log(describe(self.app_node()))
            except Exception as error:  # the display may be gone already
                log(f'(no failure screenshot: {error})')
        self.stop_app()
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False

    def _start_xvfb(self):
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1920x1080x24',
                                 '-nolisten', 'tcp', '-noreset'],
                                pass_fds=[write_fd], stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()
        if not display:
            raise TestFailure('Xvfb did not start')
        self.processes.append(xvfb)
        self.env['DISPLAY'] = f':{display}'

    def _start_compositor(self):
        # Without a compositing manager, GTK draws the transparent corners of
        # popovers and dialogs black: screenshots would not show what users see.
        compositor = subprocess.Popen(['xcompmgr', '-n'], env=self.env,
                                      stderr=subprocess.DEVNULL)
        self.processes.append(compositor)
        time.sleep(0.3)

    def _start_dbus(self):
        dbus = subprocess.Popen(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                env=self.env)
        address = dbus.stdout.readline().strip()
        if not address:
            raise TestFailure('the private D-Bus session did not start')
        self.processes.append(dbus)
        self.env['DBUS_SESSION_BUS_ADDRESS'] = address

    def start_notification_server(self):
        """A notification daemon on the private session; returns a function
        that lists the notifications shown so far, as dicts."""
        path = os.path.join(self.tmp, 'notifications.jsonl')
        server = subprocess.Popen(['/usr/bin/python3',
                                   os.path.join(os.path.dirname(__file__), 'notification_server.py'),
                                   path], stdout=subprocess.PIPE, text=True, env=self.env)
        self.processes.append(server)
        if server.stdout.readline().strip() != 'ready':
            raise TestFailure('the notification server did not start')

        def shown():
            if not os.path.exists(path):
                return []
            with open(path, encoding='utf-8') as log_file:
                return [json.loads(line) for line in log_file if line.strip()]
        return shown

    def unfocus(self):
        """Give the keyboard focus to the root window, as when the user
        turns to another application. The pointer leaves the windows first:
        with the focus on the root window, X gives the keyboard to whatever
        window is under the pointer."""
        subprocess.run(['xdotool', 'mousemove', '1919', '1079'], env=self.env, check=True)
        subprocess.run(['xdotool', 'windowfocus', '--sync', self._root_window()],
                       env=self.env, check=True)
        time.sleep(0.3)

    def _root_window(self):
        out = subprocess.run(['xwininfo', '-root'], env=self.env, capture_output=True,
                             text=True, check=True).stdout
        return re.search(r'Window id: (0x[0-9a-f]+)', out).group(1)

    def start_keyring(self):
        """A Secret Service of the session's own: gnome-keyring, its login
        keyring created and unlocked with a password fed on stdin, as a PAM
        login does."""
        keyring = subprocess.Popen(['gnome-keyring-daemon', '--unlock', '--components=secrets',
                                    '--foreground'],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=self.env)
        keyring.stdin.write(b'gui-test-login')
        keyring.stdin.close()
        self.processes.append(keyring)
        # Asked before it owns its name, the bus would start another
        # keyring, one without an unlocked login keyring.
        wait_for(lambda: 'boolean true' in subprocess.run(
                     ['dbus-send', '--session', '--print-reply', '--dest=org.freedesktop.DBus',
                      '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner',
                      'string:org.freedesktop.secrets'],
                     env=self.env, capture_output=True, text=True).stdout,
                 'the keyring on the session bus')

    def _secret_tool(self, *args):
        return subprocess.run(['secret-tool', *args], env=self.env, capture_output=True,
                              text=True, timeout=10)

    def trust_anchor(self, country, pem):
        """Adds a trust anchor to the desk's own store, as `ecert trust add`
        does: the application checks certificates with it when it opens
        them."""
        subprocess.run([os.environ['ECERT'], 'trust', 'add', country, str(pem)], env=self.env,
                       check=True, stdout=subprocess.DEVNULL)

    def keyring_lookup(self, **attributes):
        """The secret stored with these attributes, or None."""
        args = [item for pair in attributes.items() for item in pair]
        result = self._secret_tool('lookup', *args)
        return result.stdout if result.returncode == 0 else None

    # -- the application -----------------------------------------------------

    def start_app(self, *args, language=None, title='E-Cert Inspector'):
        env = dict(self.env)
        if language is not None:
            env['LANGUAGE'] = language
        log(f'starting {APP_BINARY} {" ".join(args)}')
        # Without a window manager the keyboard goes to the window under the
        # pointer once a dialog closes: the pointer rests over the window,
        # as a user's hand would, and not over the empty screen.
        subprocess.run(['xdotool', 'mousemove', '200', '200'], env=self.env, check=True)
        self.app = subprocess.Popen([APP_BINARY, *args], env=env)
        return self.window(title)

    def stop_app(self):
        if self.app is not None and self.app.poll() is None:
            self.app.send_signal(signal.SIGTERM)
            try:
                self.app.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait()
        self.app = None

    def wait_app_exit(self, timeout=DEFAULT_TIMEOUT):
        try:
            status = self.app.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise TestFailure(f'the application did not exit within {timeout}s') from error
        self.app = None
        return status

    def quit_with_ctrl_q(self):
        """Ctrl+Q must end the application cleanly, with status 0."""
        self.keys('ctrl+q')
        status = self.wait_app_exit()
        if status != 0:
            raise TestFailure(f'Ctrl+Q ended the application with status {status}')

    def app_node(self):
        desktop = Atspi.get_desktop(0)
        for index in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(index)
            if child is None:
                continue
            try:
                if child.get_process_id() == self.app.pid:
                    return child
            except gi.repository.GLib.Error:
                continue
        return None

    def windows(self):
        app = self.app_node()
        if app is None:
            return []
        return [app.get_child_at_index(i) for i in range(app.get_child_count())]

    @staticmethod
    def _window_open(window):
        # GTK 4.8 gives dialogs such as the file chooser the role "filler"
        # and no SHOWING state; VISIBLE is what it does report.
        if _role_name(window) in ('frame', 'dialog', 'window'):
            return is_showing(window)
        return window.get_state_set().contains(Atspi.StateType.VISIBLE)

    def window(self, name, timeout=DEFAULT_TIMEOUT):
        def find():
            for window in self.windows():
                if window is not None and _name(window) == name and self._window_open(window):
                    return window
            return None
        return wait_for(find, f'a window named {name!r}', timeout)

    def window_gone(self, name, timeout=DEFAULT_TIMEOUT):
        def gone():
            return not any(w is not None and _name(w) == name and self._window_open(w)
                           for w in self.windows())
        wait_for(gone, f'the window {name!r} to close', timeout)

    def main_window(self):
        return self.window('E-Cert Inspector')

    # -- finding and acting --------------------------------------------------

    def find(self, root, role, name, timeout=DEFAULT_TIMEOUT, showing=True, action=None):
        """The first node under root with this role and accessible name (and
        this action, when given: a menu button is two nodes, one clickable)."""
        def matches(node):
            return (_role_name(node) == role and name_matches(node, name) and
                    (not showing or is_showing(node)) and
                    (action is None or has_action(node, action)))

        def search():
            # Outside lists first: most of what a step waits for is there,
            # and a list of hundreds of rows is read only when it is not.
            # GTK makes widgets for some 200 rows, far more than are shown.
            found = next((node for node in _walk(root, skip_lists=True) if matches(node)), None)
            return found or next((node for node in _walk(root, list_rows=VISIBLE_ROWS)
                                  if matches(node)), None)
        try:
            return wait_for(search, f'{role} {name!r}', timeout)
        except TestFailure:
            log(describe(root))
            raise

    def absent(self, root, role, name):
        return not any(_role_name(n) == role and name_matches(n, name) and is_showing(n)
                       for n in _walk(root))

    def click_button(self, root, name, role='push button'):
        self.click(self.find(root, role, name, action='click'))

    def click(self, node):
        action = node.get_action_iface()
        if action is None:
            raise TestFailure(f'{_role_name(node)} {_name(node)!r} cannot be clicked')
        for index in range(action.get_n_actions()):
            if action.get_action_name(index) == 'click':
                action.do_action(index)
                return
        raise TestFailure(f'{_role_name(node)} {_name(node)!r} has no click action')

    def _toplevel(self, node):
        while node is not None and _role_name(node) not in ('frame', 'dialog', 'window'):
            node = node.get_parent()
        return node

    def _middle(self, node):
        """Where the middle of node is on the screen. GTK reports extents
        relative to the toplevel, so they are offset by where that toplevel's X
        window is (the tests run without a window manager)."""
        toplevel = self._toplevel(node)
        window_x, window_y = self.x_window_position(_name(toplevel))
        extents = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        return window_x + extents.x + extents.width // 2, window_y + extents.y + extents.height // 2

    def pointer_click(self, node):
        """Click the middle of node with the mouse."""
        x, y = self._middle(node)
        subprocess.run(['xdotool', 'mousemove', str(x), str(y), 'click', '1'],
                       env=self.env, check=True)
        time.sleep(0.2)

    def scroll_to(self, window, node):
        """Turn the mouse wheel over the middle of window, as a person
        scrolls, until node is in its lower half."""
        x, y = self._middle(window)
        height = window.get_component_iface().get_extents(Atspi.CoordType.WINDOW).height

        def below():
            extents = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
            return extents.y + extents.height > height * 0.8

        for _ in range(100):
            if not below():
                return
            subprocess.run(['xdotool', 'mousemove', str(x), str(y), 'click', '5'],
                           env=self.env, check=True)
            time.sleep(0.05)
        raise TestFailure(f'{_role_name(node)} {_name(node)!r} did not scroll into view')

    def choose_in_file_chooser(self, title):
        """Enter in the chooser's location entry. When the typed name also
        matches other files, the first Enter only takes the completion. Each
        Enter is given time to close the chooser: one pressed after it closed
        would reach the window behind it."""
        for _ in range(3):
            self.keys('Return')
            try:
                self.window_gone(title, timeout=8)
                return
            except TestFailure:
                continue
        raise TestFailure(f'the file chooser {title!r} did not accept the file')

    @staticmethod
    def settle():
        """Let a page transition finish before pointing at what it shows."""
        time.sleep(0.6)

    def keys(self, *combos):
        """Type key combinations such as 'ctrl+q' on the real keyboard path."""
        for combo in combos:
            subprocess.run(['xdotool', 'key', '--clearmodifiers', combo], env=self.env, check=True)
            time.sleep(0.15)

    def type_text(self, text):
        subprocess.run(['xdotool', 'type', '--delay', '20', text], env=self.env, check=True)

    def _x_windows(self, title):
        """(width, height, x, y, id) of the application's visible X windows
        with this title, largest first: GTK also maps a 1x1 leader and popover
        surfaces under the toplevel's title."""
        ids = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.app.pid),
                              '--name', f'^{title}$'],
                             env=self.env, capture_output=True, text=True).stdout.split()
        found = []
        for window_id in ids:
            out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window_id],
                                 env=self.env, capture_output=True, text=True).stdout
            values = dict(line.split('=', 1) for line in out.split() if '=' in line)
            if 'WIDTH' in values:
                found.append((int(values['WIDTH']), int(values['HEIGHT']),
                              int(values['X']), int(values['Y']), window_id))
        if not found:
            raise TestFailure(f'no X window titled {title!r}')
        return sorted(found, key=lambda w: w[0] * w[1], reverse=True)

    def x_window_geometry(self, title):
        """Size and id of the toplevel X window, as a window manager sees it."""
        width, height, _, _, window_id = self._x_windows(title)[0]
        return width, height, window_id

    def x_window_position(self, title):
        _, _, x, y, _ = self._x_windows(title)[0]
        return x, y

    def resize_x_window(self, window_id, width, height):
        subprocess.run(['xdotool', 'windowsize', '--sync', window_id, str(width), str(height)],
                       env=self.env, check=True)

    def settings_keyfile(self):
        """The settings the application stored, as GSettings' keyfile backend
        wrote them to disk."""
        import configparser
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(os.path.join(self.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile'))
        return parser

    def stored_setting(self, key, group='io/github/ecert/Inspector'):
        keyfile = self.settings_keyfile()
        if not keyfile.has_option(group, key):
            return None
        return keyfile.get(group, key)

    def screenshot(self, label):
        self.step += 1
        path = os.path.join(SCREENSHOT_DIR, f'{self.name}-{self.step:02d}-{label}.png')
        # Let the frame that reflects the last action reach the screen.
        time.sleep(0.4)
        subprocess.run(['import', '-display', self.env['DISPLAY'], '-window', 'root', path],
                       check=True, stderr=subprocess.DEVNULL)
        log(f'screenshot {path}')
        return path


# The test PKI of tests/data/pki, whose New Zealand signer signs corpora.
TEST_PKI = pathlib.Path(__file__).resolve().parent.parent / 'data' / 'pki'


def write_corpus(directory, count, signed=True):
    """COUNT certificates from New Zealand written into directory by
    `ecert bench corpus`: certificate-000007.xml holds NZ-2026-000007. Unless
    signed is false, each is signed by the test signer of tests/data/pki,
    chain included, whose anchor is nz-root.pem."""
    signer = (['--key', str(TEST_PKI / 'nz-signer.key'), '--cert', str(TEST_PKI / 'nz-signer.pem'),
               '--chain', str(TEST_PKI / 'nz-ca.pem')] if signed else [])
    subprocess.run([os.environ['ECERT'], 'bench', 'corpus', str(directory), str(count),
                    '--exporter', 'NZ', *signer], check=True, stdout=subprocess.DEVNULL)


def scientific_name(certificate):
    """The scientific name of the first commodity in a certificate file."""
    text = pathlib.Path(certificate).read_text(encoding='utf-8')
    return re.search(r'<ram:ScientificName>([^<]+)</ram:ScientificName>', text).group(1)


def run(test_function):
    """Run one test function with a fresh session; exit 0 or 1."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0].removeprefix('test_')
    try:
        with Session(name.replace('_', '-')) as session:
            test_function(session)
    except TestFailure as error:
        log(f'not ok: {error}')
        sys.exit(1)
    log('ok')
    sys.exit(0)
