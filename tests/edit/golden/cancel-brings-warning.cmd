status drm cancelled
