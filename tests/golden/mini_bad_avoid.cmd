route xian duisburg --network @MINI --avoid Atlantis
