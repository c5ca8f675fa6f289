move a 2026-07 --noted 2026-03-01
