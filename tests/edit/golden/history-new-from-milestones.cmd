move b 2027-Q4
