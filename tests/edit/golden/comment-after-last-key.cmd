move m 2027-03
