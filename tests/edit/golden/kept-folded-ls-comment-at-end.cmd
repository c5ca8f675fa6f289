status a at-risk
