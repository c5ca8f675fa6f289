move d 2027-Q2
