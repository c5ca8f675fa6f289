move m 2027 --dry-run
