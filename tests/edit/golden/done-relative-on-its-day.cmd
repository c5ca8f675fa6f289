done sign-off 2026-05-17
