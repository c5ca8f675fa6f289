move first 2027-01
