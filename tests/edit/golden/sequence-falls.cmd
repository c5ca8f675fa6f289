move dep 2026-07-01
