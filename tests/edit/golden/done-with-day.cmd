done apt 2026-05-20
