status apt at-risk
