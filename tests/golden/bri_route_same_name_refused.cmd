route Hyderabad Duisburg
