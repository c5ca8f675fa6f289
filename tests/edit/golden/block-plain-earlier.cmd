move drm 2026-09
