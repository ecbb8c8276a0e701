#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A desktop notification server on the test's private D-Bus session: it
owns org.freedesktop.Notifications, as a desktop's notification daemon
does, and writes every notification it is asked to show to a JSON-lines
file, so that a test can see what the user would have seen."""

import json
import sys

from gi.repository import Gio, GLib

INTERFACE = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>
'''


def main():
    log_path = sys.argv[1]
    counter = [0]
    node = Gio.DBusNodeInfo.new_for_xml(INTERFACE)

    def call(connection, sender, path, interface, method, parameters, invocation):
        if method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['body', 'actions'],)))
        elif method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)', ('test', 'ecert', '1', '1.2')))
        elif method == 'Notify':
            app, _, icon, summary, body, _, _, _ = parameters.unpack()
            counter[0] += 1
            with open(log_path, 'a', encoding='utf-8') as log:
                log.write(json.dumps({'app': app, 'icon': icon, 'summary': summary,
                                      'body': body}) + '\n')
            invocation.return_value(GLib.Variant('(u)', (counter[0],)))
        else:
            invocation.return_value(None)

    def acquired(connection, name):
        connection.register_object('/org/freedesktop/Notifications', node.interfaces[0], call,
                                   None, None)

    def owned(connection, name):
        print('ready', flush=True)

    Gio.bus_own_name(Gio.BusType.SESSION, 'org.freedesktop.Notifications',
                     Gio.BusNameOwnerFlags.NONE, acquired, owned, None)
    GLib.MainLoop().run()


if __name__ == '__main__':
    main()
