info --network @MINI
