route Xian Duisburg --network @MINI --carbon-price nan
