"""``python -m bvtui``: the same as the ``bvtui`` command."""

from bvtui.cli.main import run

run()
