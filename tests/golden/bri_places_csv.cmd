places nantong --limit 3 --format csv
