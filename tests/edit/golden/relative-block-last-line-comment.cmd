move a 2027-10-01
