move f 2026-Q4 --noted 2026-11-01
