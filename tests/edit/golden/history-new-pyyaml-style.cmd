move summit 2027-04-20
