matrix --origins xian --destinations nowhere_at_all
