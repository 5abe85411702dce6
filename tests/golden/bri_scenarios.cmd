scenarios --check
