route Chongqin Duisburg
