move a 2028-05
