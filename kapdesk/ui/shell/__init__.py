"""The frame around every screen: the main window, start-up, unlock, the practice lock and closing."""
