move a 9500
