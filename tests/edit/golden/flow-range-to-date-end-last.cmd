move e 2027-01
