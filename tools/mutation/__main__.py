"""``python -m tools.mutation``: run every mutant (see :mod:`tools.mutation.harness`)."""

from tools.mutation.harness import main

raise SystemExit(main())
