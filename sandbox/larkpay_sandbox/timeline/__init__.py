"""The test clock: advancing the sandbox's time runs the due work of every worker, in due order."""
