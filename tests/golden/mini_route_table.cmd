route xian duisburg --network @MINI
