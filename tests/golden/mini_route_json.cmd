route "Xi'an" DEDUI --network @MINI --format json
