"""``python -m program`` is the ``program`` command."""
import sys

from program.cli import main

sys.exit(main())
