move a 2027-01
