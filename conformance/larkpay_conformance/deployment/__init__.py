"""Which deployment the suite talks to (the embedded sandbox or a base URL), whether it is a
Larkpay API and a sandbox, and the second tenant of a run."""
