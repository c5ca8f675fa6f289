move kickoff ~2026-09-14
