move apt 2026-Q3
