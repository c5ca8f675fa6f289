move f 2026-Q4
