route xian duisburg --network tests/data/broken
