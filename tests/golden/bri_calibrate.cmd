calibrate tests/calibration/published_pairs.csv
