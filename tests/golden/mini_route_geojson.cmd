route xian duisburg --network @MINI --format geojson --alternatives 1
