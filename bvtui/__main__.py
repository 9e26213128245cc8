"""``python -m bvtui``: the same as the ``bvtui`` command."""

import sys

from bvtui.cli.main import main

sys.exit(main())
