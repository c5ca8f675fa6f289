move base 9999-12
