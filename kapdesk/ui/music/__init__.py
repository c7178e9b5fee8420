"""The music: the library and its playlists, the room's strip, the player's Qt adapter."""
