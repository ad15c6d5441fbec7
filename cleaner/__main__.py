"""`python -m cleaner` runs the command-line interface."""

from cleaner.cli import main

main()
