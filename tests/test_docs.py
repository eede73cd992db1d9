"""Docs that cannot rot: every CLI command and option has help text and is in the README."""

from __future__ import annotations

import re

import typer

from kg.cli.main import app
from tests.conftest import ROOT


def _commands():
    root = typer.main.get_command(app)
    stack = [((), root)]
    while stack:
        path, cmd = stack.pop()
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                stack.append(((*path, name), sub))
        elif path:
            yield " ".join(path), cmd


def test_every_command_and_option_has_help():
    missing = []
    for name, cmd in _commands():
        if not (cmd.help or "").strip():
            missing.append(name)
        for param in cmd.params:
            if param.param_type_name == "option" and not (param.help or "").strip():
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    undocumented = [name for name, _ in _commands() if not re.search(rf"kg {name}\b", readme)]
    assert undocumented == []


def test_every_option_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    undocumented = []
    for name, cmd in _commands():
        for param in cmd.params:
            if param.param_type_name != "option" or param.name in ("help",):
                continue
            if not any(opt in readme for opt in param.opts if opt.startswith("--")):
                undocumented.append(f"{name} {param.opts[0]}")
    assert undocumented == []
