move c 2026-10 --noted 2026-04-01
