"""The version gate: which findings the ignore file suppresses, and whether the change passes."""
