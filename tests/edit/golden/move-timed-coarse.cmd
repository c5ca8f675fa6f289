move kickoff 2026-Q3
