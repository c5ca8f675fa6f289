move m 2027-Q1
