move n 2028
