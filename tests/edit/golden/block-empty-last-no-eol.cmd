move a 4054-06
