info --coverage --network @MINI
