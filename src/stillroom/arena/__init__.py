"""The arena: benign users and distillers replayed through a real `serve` + `guard`, measured end to end."""
