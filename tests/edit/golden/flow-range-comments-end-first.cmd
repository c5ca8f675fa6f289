move e 2028 --dry-run
