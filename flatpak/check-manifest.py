#!/usr/bin/env python3
"""Checks the Flatpak manifest offline: flatpak-builder --show-manifest must accept it,
and it must keep the promises of the project (app id, minimal permissions, modules)."""

import json
import subprocess
import sys


def fail(message):
    print("flatpak manifest: " + message)
    sys.exit(1)


def main(builder, path):
    r = subprocess.run([builder, "--show-manifest", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        fail("flatpak-builder rejects it: " + r.stderr.decode(errors="replace").strip())
    manifest = json.loads(r.stdout)

    if manifest.get("id") != "io.github.tributary.Tributary.Devel":
        fail("unexpected id %r" % manifest.get("id"))
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        fail("must build on the GNOME runtime")
    allowed = {"--share=network", "--share=ipc", "--socket=fallback-x11", "--socket=wayland",
               "--device=dri", "--talk-name=org.freedesktop.secrets"}
    extra = set(manifest.get("finish-args", [])) - allowed
    if extra:
        fail("permissions beyond network, display and the secret service: %s" % sorted(extra))
    if any(a.startswith("--filesystem=home") or a == "--filesystem=host" for a in manifest.get("finish-args", [])):
        fail("no blanket file system access: workspaces are opened through the file chooser portal")
    names = [m.get("name") for m in manifest.get("modules", [])]
    if names != ["mariadb-connector-c", "tributary"]:
        fail("modules are %s" % names)
    print("flatpak manifest: ok (%s, %d finish-args)" % (manifest["id"], len(manifest["finish-args"])))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
