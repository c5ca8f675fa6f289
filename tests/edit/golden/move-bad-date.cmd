move drm 2026-13
