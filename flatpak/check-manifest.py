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

    if manifest.get("id") not in ("io.github.tributary.Tributary", "io.github.tributary.Tributary.Devel"):
        fail("unexpected id %r" % manifest.get("id"))
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        fail("must build on the GNOME runtime")
    # No D-Bus hole to the keyring: inside the sandbox libsecret stores secrets through the
    # Secret portal (org.freedesktop.portal.Secret), which needs no permission.
    allowed = {"--share=network", "--share=ipc", "--socket=fallback-x11", "--socket=wayland",
               "--device=dri"}
    extra = set(manifest.get("finish-args", [])) - allowed
    if extra:
        fail("permissions beyond network and display: %s" % sorted(extra))
    if any(a.startswith("--filesystem=home") or a == "--filesystem=host" for a in manifest.get("finish-args", [])):
        fail("no blanket file system access: workspaces are opened through the file chooser portal")
    # Reproducible: every source fetched from elsewhere is pinned (the app's own source is
    # the checkout being built, a "dir").
    for module in manifest.get("modules", []):
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind == "git" and len(source.get("commit", "")) != 40:
                fail("module %s: a git source must be pinned by its 40-digit commit" % module.get("name"))
            if kind in ("archive", "file") and len(source.get("sha256", "")) != 64:
                fail("module %s: an %s source must be pinned by its sha256" % (module.get("name"), kind))
    names = [m.get("name") for m in manifest.get("modules", [])]
    if names != ["mariadb-connector-c", "tributary"]:
        fail("modules are %s" % names)
    print("flatpak manifest: ok (%s, %d finish-args)" % (manifest["id"], len(manifest["finish-args"])))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
