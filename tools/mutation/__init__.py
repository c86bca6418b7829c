"""The mutation harness of the sandbox (``make mutation``): see :mod:`tools.mutation.harness`."""
