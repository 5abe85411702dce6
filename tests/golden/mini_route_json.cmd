route "Xi'an" DEDUI --network @MINI --format json --max-detour 10
