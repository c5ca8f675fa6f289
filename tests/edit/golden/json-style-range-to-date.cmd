move b 2028-01
