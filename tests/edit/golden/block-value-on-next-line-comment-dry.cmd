move a 2028-01 --dry-run
