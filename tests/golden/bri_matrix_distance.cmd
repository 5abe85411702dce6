matrix --origins xian,chongqing,kunming --destinations duisburg,lodz,vientiane,mombasa --metric distance
