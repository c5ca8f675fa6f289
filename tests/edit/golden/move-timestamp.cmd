move drm 2027-05-01T10:00
