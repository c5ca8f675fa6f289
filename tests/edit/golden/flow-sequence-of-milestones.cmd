move g 2027
