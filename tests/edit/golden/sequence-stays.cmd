move beta 2027-09-15
