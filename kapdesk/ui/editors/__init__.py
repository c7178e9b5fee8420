"""The between-session editors: session scripts and the practice's settings."""
