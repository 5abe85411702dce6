validate tests/data/broken
