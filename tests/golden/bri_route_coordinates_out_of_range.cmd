route 120.8250,32.0304 Duisburg
