move b 2027-09
