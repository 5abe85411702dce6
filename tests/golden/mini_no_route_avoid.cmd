route xian duisburg --network @MINI --avoid RUS,AZE,sea,air
