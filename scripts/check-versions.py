#!/usr/bin/env python3
"""One version for every package: fails when any place that states labcore's version disagrees with the
workspace's (`[workspace.package] version` in Cargo.toml, the one place to change it).

Checked: the workspace dependency on labcore, every member crate (must inherit the version), Cargo.lock, the
Python package (pyproject.toml takes the version from Cargo: `dynamic = ["version"]`, no version of its own),
bindings-node/package.json and package-lock.json, the napi-generated bindings-node/index.js, the WASM
package's package.json (bindings-wasm/js/, the one shipped in pkg/) and the development one beside it with its
package-lock.json, and CHANGELOG.md (its latest release heading). The built archives' versions (.crate, sdist,
wheel, npm tarballs, `labcore.__version__`) are checked by scripts/test-packages.sh.

Usage: scripts/check-versions.py [--print]   (--print: print the version on success, for other scripts)
"""

import json
import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def toml(path):
    return tomllib.loads((ROOT / path).read_text(encoding="utf-8"))


def check(problems, where, found, expected):
    if found != expected:
        problems.append(f"{where}: {found!r}, expected {expected!r}")


def cargo(problems, version):
    workspace = toml("Cargo.toml")["workspace"]
    dependency = workspace["dependencies"]["labcore"].get("version", "")
    check(problems, "Cargo.toml [workspace.dependencies] labcore", dependency.lstrip("=^"), version)
    members = set()
    for member in workspace["members"]:
        package = toml(f"{member}/Cargo.toml")["package"]
        members.add(package["name"])
        check(problems, f"{member}/Cargo.toml package.version", package.get("version"), {"workspace": True})
    lock = toml("Cargo.lock")["package"]
    for package in lock:
        if package["name"] in members and "source" not in package:
            check(problems, f"Cargo.lock {package['name']}", package["version"], version)


def python(problems):
    project = toml("bindings-python/pyproject.toml")["project"]
    if "version" in project:
        problems.append("bindings-python/pyproject.toml: a version of its own (maturin takes Cargo's: leave it dynamic)")
    if "version" not in project.get("dynamic", []):
        problems.append("bindings-python/pyproject.toml: `version` is not in `dynamic`")


def npm(problems, version):
    for path in ["bindings-node/package.json", "bindings-wasm/js/package.json", "bindings-wasm/package.json"]:
        check(problems, f"{path} version", json.loads((ROOT / path).read_text())["version"], version)
    for path in ["bindings-node/package-lock.json", "bindings-wasm/package-lock.json"]:
        lock = json.loads((ROOT / path).read_text())
        check(problems, f"{path} version", lock.get("version"), version)
        check(problems, f'{path} packages[""].version', lock.get("packages", {}).get("", {}).get("version"), version)
    generated = re.findall(r"bindingPackageVersion !== '([^']*)'", (ROOT / "bindings-node/index.js").read_text())
    for found in set(generated) or {None}:
        check(problems, "bindings-node/index.js (napi build) expected binding version", found, version)


def changelog(problems, version):
    releases = re.findall(r"^## \[(\d[^\]]*)\]", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    check(problems, "CHANGELOG.md latest release", releases[0] if releases else None, version)


def main():
    version = toml("Cargo.toml")["workspace"]["package"]["version"]
    problems = []
    cargo(problems, version)
    python(problems)
    npm(problems, version)
    changelog(problems, version)
    if problems:
        print(f"check-versions: the workspace version is {version}, but:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if "--print" in sys.argv[1:]:
        print(version)
    else:
        print(f"check-versions: every package is at {version}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
