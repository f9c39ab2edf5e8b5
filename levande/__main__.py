"""Allow ``python -m levande``."""

from levande.cli import main

main()
