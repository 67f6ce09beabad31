"""A fake AWS for tests: SigV4-verifying loopback server (see README.md)."""
