route xian duisburg --network @MINI --year 2013 --avoid RUS,air --alternatives 1
