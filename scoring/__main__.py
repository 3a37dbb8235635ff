"""`python -m scoring` is `sourcegauge`."""

import sys

from scoring.cli import main

sys.exit(main())
