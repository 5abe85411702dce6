route xian xian --network @MINI
