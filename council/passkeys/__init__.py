"""Passkeys (WebAuthn): registering them on the Säkerhet page, logging in with
one, and the step-up that binds a justering to the exact text."""
