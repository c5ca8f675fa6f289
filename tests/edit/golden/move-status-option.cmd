move drm 2027-Q1 --status at-risk
