impact bri-2013 today --top 6
