done drm 2026-12-01
