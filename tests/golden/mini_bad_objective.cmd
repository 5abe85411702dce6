route xian duisburg --network @MINI --objective quickest
