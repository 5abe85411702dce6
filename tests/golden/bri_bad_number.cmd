route Xian Duisburg --carbon-price abc
