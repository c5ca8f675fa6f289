move a 2027-09
