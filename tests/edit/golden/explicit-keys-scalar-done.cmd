done a
