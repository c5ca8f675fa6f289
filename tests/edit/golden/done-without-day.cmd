done drm
