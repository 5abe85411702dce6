compare bri-2013 tday --places xian,duisburg
