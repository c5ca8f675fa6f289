move e 2026-12
