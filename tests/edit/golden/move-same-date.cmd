move drm 2026-12
