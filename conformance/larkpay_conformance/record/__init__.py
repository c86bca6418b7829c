"""What a run did: its traffic, counters and failure records (the one ``RECORDER``), the time
since the command started, the last request sent and how to reproduce a request."""
