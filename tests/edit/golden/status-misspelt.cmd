status drm canceled
