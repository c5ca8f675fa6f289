move b 2027-Q2 --dry-run
