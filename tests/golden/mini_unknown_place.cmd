route xian Rottrdmx --network @MINI
