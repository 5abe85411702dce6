compare bri-2013 today --all city --by-country --by-corridor --top 10
