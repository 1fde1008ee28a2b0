"""The only code that writes: one function per state change, each in one transaction."""
