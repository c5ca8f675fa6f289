done a 2026-11-20
