route Nantong Duisburg --alternatives 0
