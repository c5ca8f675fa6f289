move a 2027-Q1
