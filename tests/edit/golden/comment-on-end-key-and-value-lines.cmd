move a 2026-08
