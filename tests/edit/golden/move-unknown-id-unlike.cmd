move zz 2027
