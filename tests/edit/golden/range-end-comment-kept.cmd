move ga 2027-01
