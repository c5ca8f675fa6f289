done c 2026-11-20
