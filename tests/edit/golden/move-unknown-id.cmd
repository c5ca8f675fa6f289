move drn 2027
