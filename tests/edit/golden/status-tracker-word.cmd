status drm blocked
