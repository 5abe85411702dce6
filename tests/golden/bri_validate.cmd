validate data/bri
