move a 2028-Q1
