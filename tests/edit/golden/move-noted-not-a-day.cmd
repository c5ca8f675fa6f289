move drm 2027 --noted yesterday
