move b 2028
