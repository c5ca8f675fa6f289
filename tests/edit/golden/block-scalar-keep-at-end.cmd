status m at-risk
