route Nantong Duisburg --avoid CHN --alternatives 0
