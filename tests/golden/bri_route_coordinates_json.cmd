route 32.0304,120.8250 Duisburg --alternatives 0 --format json
