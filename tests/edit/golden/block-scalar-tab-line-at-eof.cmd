move a 2027-06
