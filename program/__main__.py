"""``python -m program`` is the ``program`` command."""
from program.cli import command

command()
