move beta 2027-07
