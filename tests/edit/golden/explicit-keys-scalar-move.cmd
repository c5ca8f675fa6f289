move a 2027-Q4 --dry-run
