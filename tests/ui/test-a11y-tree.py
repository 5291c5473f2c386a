#!/usr/bin/python3
"""The real application as a screen reader sees it: the AT-SPI tree of `tributary` on the
demo workspace. Every canvas node is an object named after the node whose description says
its type; no button is announced as "GtkImage" or without a name.

Run under tests/harness/trib-peers --x11 (a private session bus and Xvfb). TAP output."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

DEMO_NODES = {
    "workshop_start_spark": "Zero-load node",
    "ods_raw_log_d_2oss_spark": "Batch synchronization",
    "ods_user_info_d_2oss_spark": "Batch synchronization",
    "ods_raw_log_d_spark": "EMR Spark SQL",
    "ods_user_info_d_spark": "EMR Spark SQL",
}

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def walk(node, depth=0):
    yield node
    if depth > 60:
        return
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child, depth + 1)


def find_app(pid, deadline):
    desktop = Atspi.get_desktop(0)
    while time.monotonic() < deadline:
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except gi.repository.GLib.Error:
                pass
        time.sleep(0.2)
    return None


def wait_for_nodes(app, deadline):
    while time.monotonic() < deadline:
        found = {}
        for obj in walk(app):
            try:
                name = obj.get_name()
            except gi.repository.GLib.Error:
                continue
            # The card, not the label inside it that shows the same text.
            if name in DEMO_NODES and obj.get_role() == Atspi.Role.PUSH_BUTTON:
                found[name] = obj
        if len(found) == len(DEMO_NODES):
            return found
        time.sleep(0.3)
    return found


def wait_for_named(app, name, deadline):
    while time.monotonic() < deadline:
        for obj in walk(app):
            try:
                if obj.get_name().startswith(name) and obj.get_state_set().contains(Atspi.StateType.VISIBLE):
                    return True
            except gi.repository.GLib.Error:
                continue
        time.sleep(0.3)
    return False


def wait_until_showing(obj, deadline):
    while time.monotonic() < deadline:
        try:
            if obj.get_state_set().contains(Atspi.StateType.SHOWING):
                return True
        except gi.repository.GLib.Error:
            pass
        time.sleep(0.1)
    return False


def names_like(app, text):
    found = []
    for obj in walk(app):
        try:
            name = obj.get_name()
        except gi.repository.GLib.Error:
            continue
        if name and text in name:
            found.append("%s %r" % (obj.get_role_name(), name))
    return found


def check_buttons_named(app, where):
    unnamed = []
    for obj in walk(app):
        try:
            role = obj.get_role()
            name = obj.get_name()
            states = obj.get_state_set()
        except gi.repository.GLib.Error:
            continue
        if role not in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON):
            continue
        if not states.contains(Atspi.StateType.VISIBLE):
            continue
        if not name or name == "GtkImage":
            parents = []
            siblings = []
            parent = obj.get_parent()
            for k in range(parent.get_child_count() if parent else 0):
                sibling = parent.get_child_at_index(k)
                siblings.append("%s %r" % (sibling.get_role_name(), sibling.get_name()))
            while parent is not None and len(parents) < 4:
                parents.append("%s %r" % (parent.get_role_name(), parent.get_name()))
                parent = parent.get_parent()
            unnamed.append("%s %r (%s) in %s beside %s" % (obj.get_role_name(), name, obj.get_description(),
                                                           " < ".join(parents), ", ".join(siblings)))
    check("every button shown %s has a name a screen reader can say" % where, not unnamed,
          "; ".join(unnamed))


def main():
    cli = os.environ["TRIB_CLI"]
    app_path = os.environ["TRIB_APP"]
    tmp = tempfile.mkdtemp(prefix="trib-a11y-")
    workspace = os.path.join(tmp, "ws")
    subprocess.run([cli, "init", "--demo", workspace], check=True, stdout=subprocess.DEVNULL)

    env = dict(os.environ)
    # The UI tests of the suite switch accessibility off; a screen reader needs it on.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["GDK_BACKEND"] = "x11"
    proc = subprocess.Popen([app_path, workspace], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        app = find_app(proc.pid, deadline)
        check("the application is on the accessibility bus", app is not None)
        if app is None:
            return

        nodes = wait_for_nodes(app, deadline)
        check("every node of the demo workflow is an accessible object",
              set(nodes) == set(DEMO_NODES), "found %s" % sorted(nodes))
        for name, kind in DEMO_NODES.items():
            obj = nodes.get(name)
            description = obj.get_description() if obj else None
            check("node %s is described as %s" % (name, kind), description == kind,
                  "description %r" % description)
            if obj is not None:
                states = obj.get_state_set()
                check("node %s can take the keyboard focus" % name,
                      states.contains(Atspi.StateType.FOCUSABLE))

        check_buttons_named(app, "on the canvas")

        # A node opened as a person does, by double-clicking its card (where AT-SPI says it
        # is: with no window manager the window sits at the origin). Its tab's controls
        # have names too.
        for node_name, expected in (("ods_raw_log_d_spark", "SQL"),
                                     ("ods_user_info_d_2oss_spark", "Test Source connectivity"),
                                     ("workshop_start_spark", "Cron Expression")):
            card = nodes.get(node_name)
            opened = False
            box = None
            if card is not None:
                # Back to the workflow's tab (the first) with Alt+1, where the cards are.
                subprocess.run(["xdotool", "key", "alt+1"], check=True)
                wait_until_showing(card, deadline=time.monotonic() + 30)
                box = card.get_extents(Atspi.CoordType.WINDOW)
                subprocess.run(["xdotool", "mousemove", str(box.x + box.width // 2),
                                str(box.y + box.height // 2), "click", "--repeat", "2", "--delay", "80", "1"],
                               check=True)
                opened = wait_for_named(app, expected, deadline=time.monotonic() + 30)
            check("node %s opens on a double-click, with a field named %s" % (node_name, expected), opened,
                  "card at %s; named like it: %s" % ((box.x, box.y, box.width, box.height) if box else None,
                                                      names_like(app, expected.split()[0])))
            check_buttons_named(app, "in the tab of %s" % node_name)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash is a failed test, with its reason
        check("the accessibility check ran", False, repr(e))
    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            print("# " + detail)
    sys.exit(1 if failed else 0)
