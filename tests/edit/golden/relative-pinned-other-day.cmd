move ga 2026-Q3
