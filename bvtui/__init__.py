"""bvtui: council Best Value improvement plans as YAML in git, with a terminal app."""

__version__ = "0.1.0"
"""The one place the version is written (pyproject.toml reads it from here)."""
