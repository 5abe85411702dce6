places Nantong --limit 5
