move beta 2027-01-20
