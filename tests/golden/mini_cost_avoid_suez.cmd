route xian duisburg --network @MINI --objective cost --avoid suez --alternatives 0
