route xian duisbrug --network @MINI --alternatives 0 --cargo bulk
