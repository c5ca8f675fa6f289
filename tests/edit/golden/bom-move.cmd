move first 2027
