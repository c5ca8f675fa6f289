move drm 2027-H1
