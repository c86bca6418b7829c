"""What each API operation does to the store, and the settler that finishes scenario payments."""
