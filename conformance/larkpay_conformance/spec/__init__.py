"""What the spec and the design brief say, read as plain data: operations, links, event types,
scenario sources, the operation of a request, the rules and what no correct deployment answers.

Modules here import nothing else of the suite.
"""
