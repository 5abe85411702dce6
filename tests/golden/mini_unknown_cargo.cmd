route xian duisburg --network @MINI --cargo gold
