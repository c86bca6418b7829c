"""From a run's record to what a person reads: failure records, the summary, the coverage, the
Markdown and HTML reports."""
