move drm June
