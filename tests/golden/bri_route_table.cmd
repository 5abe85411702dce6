route Chongqing Duisburg --alternatives 0
