"""Rendering a report: text, Markdown, JSON, JUnit XML; the changelog and the migration guide."""
