"""`python -m fieldapp` runs the same command line as the `fieldapp` entry point."""

import sys

from fieldapp.cli import main

sys.exit(main())
