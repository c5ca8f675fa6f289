move m 2026-12-03
