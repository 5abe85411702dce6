route xian duisburg --network @MINI --format geojson --alternatives 1 --max-detour 10
