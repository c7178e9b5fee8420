"""The client list, the home view: clients, their details, and a session left open."""
