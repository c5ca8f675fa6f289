move m 2027
