move beta 9999-11-20
