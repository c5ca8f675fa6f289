move a 2028-01
