move d 2028
