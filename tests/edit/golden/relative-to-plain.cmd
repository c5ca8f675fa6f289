move ga 2027-Q3
