move apt 2026-Q3 --dry-run
