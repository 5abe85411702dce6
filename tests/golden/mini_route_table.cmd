route xian duisburg --network @MINI --max-detour 10
