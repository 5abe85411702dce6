route Xian Duisburg --network @MINI --scenario /dev/zero
