"""One run: the profiles, the options and state the layers share (``Suite``), the webhook
receiver's flags, and ``larkpay conformance``, which checks the target and then starts pytest
on ``layers/`` by path."""
