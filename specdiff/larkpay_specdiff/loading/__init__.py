"""Reading each side of a diff: a file or a git revision, parsed with line numbers and
$refs resolved."""
