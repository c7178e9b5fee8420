"""Client mode: the client fills a rating scale on the laptop, full screen, nothing else reachable."""
