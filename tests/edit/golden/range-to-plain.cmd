move r 2027-03
