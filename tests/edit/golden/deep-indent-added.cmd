move x 2026-08 --status slipped
