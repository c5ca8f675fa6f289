move x 2026-08
