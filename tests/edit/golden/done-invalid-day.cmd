done drm 2026-13-01
