"""The throwaway demo practice behind `--demo`: sample clients and past sessions."""
