move ga 2027-01-24 --noted 2026-12-01
